-- Walks a list of requests, one line each: METHOD<TAB>PATH[<TAB>AUTHORIZATION<TAB>BODY].
-- Usage: wrk -t THREADS -s walk.lua URL -- LIST cycle|once THREADS
--   cycle: start again at the end (pages); once: each line is sent once, then the thread
--   stops (step completion: every line completes a different open step).
-- Threads take every n-th line, so no two threads send the same line (in cycle mode a
-- list shorter than the threads is shared). done() prints one
-- line "BENCH {json}" with the figures bench/load.py reads.

local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local lines = {}
local position = 0
local once = false
exhausted = 0

local function split(line)
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do
    table.insert(fields, field)
  end
  return fields
end

local function load(file, total, own)
  local index = 0
  for line in io.lines(file) do
    if line ~= "" then
      if own == nil or index % total == own then
        table.insert(lines, split(line))
      end
      index = index + 1
    end
  end
end

function init(args)
  once = args[2] == "once"
  load(args[1], tonumber(args[3]), id)
  if #lines == 0 and not once then
    load(args[1], 1, nil) -- fewer lines than threads: a page list is shared
  end
end

function request()
  position = position + 1
  if position > #lines then
    if once then
      exhausted = 1
      wrk.thread:stop()
      return wrk.format("GET", "/livez")
    end
    position = 1
  end
  local fields = lines[position]
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  if fields[3] and fields[3] ~= "" then
    headers["Authorization"] = fields[3]
  end
  local body = fields[4]
  if body and body ~= "" then
    headers["Content-Type"] = "application/json"
  else
    body = nil
  end
  return wrk.format(fields[1], fields[2], headers, body)
end

function done(summary, latency, requests)
  local errors = summary.errors
  local exhausted = 0
  for _, thread in ipairs(threads) do
    exhausted = exhausted + (thread:get("exhausted") or 0)
  end
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "mean_us": %.1f, "max_us": %d, ' ..
    '"exhausted_threads": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max, exhausted,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
