/*
 * The form designer (表单设计器): edits one item definition (DESIGN §6, format 1) in the page.
 *
 * The definition JSON is the source of truth: every control writes straight into it, and a
 * change of structure (a step added, a kind changed, a field moved) redraws the editor from
 * it. Save and preview post it whole; faults come back keyed by path ("steps[1].fields[0].
 * label") and are shown next to the control carrying that path. Every label, help text and
 * option is data: it is only ever put in the page with textContent or as a value.
 * Steps and fields reorder by drag and drop (SortableJS) or with the move buttons.
 */
(function () {
  "use strict";

  var root, data, palette, types, kinds, editable, previewTimer;
  /* Private marks on steps, never sent: whether `next` follows the list order. */
  var AUTO = "__auto_next";

  // --- small DOM helpers ---------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === undefined || value === null || value === false) {
        return;
      }
      if (name === "text") {
        node.textContent = value;
      } else if (name === "class") {
        node.className = value;
      } else if (name === "value" || name === "checked" || name === "disabled") {
        node[name] = value;
      } else {
        node.setAttribute(name, value === true ? "" : value);
      }
    });
    (children || []).forEach(function (child) {
      if (child) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  function idFor(path, name) {
    return "d-" + (path + "-" + name).replace(/[^a-zA-Z0-9]+/g, "-");
  }

  function button(text, label, onClick, css) {
    var b = el("button", { type: "button", class: css || "secondary small", "aria-label": label, text: text });
    b.addEventListener("click", onClick);
    return b;
  }

  /* A labelled control wrapper carrying the definition path for error messages. */
  function row(path, label, control, hint) {
    control.id = control.id || idFor(path, "input");
    var hintNode = hint ? el("p", { class: "hint", id: control.id + "-hint", text: hint }) : null;
    if (hintNode) {
      control.setAttribute("aria-describedby", hintNode.id);
    }
    return el("div", { class: "field", "data-path": path }, [
      el("label", { for: control.id, text: label }), control, hintNode
    ]);
  }

  function check(path, label, value, onChange) {
    var box = el("input", { type: "checkbox", id: idFor(path, "check"), checked: !!value });
    box.addEventListener("change", function () { onChange(box.checked); });
    return el("div", { class: "field check-row", "data-path": path }, [
      el("label", { class: "check", for: box.id }, [box, " " + label])
    ]);
  }

  function textInput(path, value, onInput, attrs) {
    var input = el("input", Object.assign({ type: "text", id: idFor(path, "input"), value: value || "" }, attrs || {}));
    input.addEventListener("input", function () { onInput(input.value); changed(false); });
    return input;
  }

  function textArea(path, value, onInput) {
    var area = el("textarea", { id: idFor(path, "input"), rows: "3" });
    area.value = value || "";
    area.addEventListener("input", function () { onInput(area.value); changed(false); });
    return area;
  }

  /* choices: [[value, label], ...]; a current value not among them is kept as an option. */
  function select(path, value, choices, onChange, redraw) {
    var known = choices.some(function (c) { return c[0] === value; });
    var list = known || value === undefined || value === null || value === "" ? choices : choices.concat([[value, value]]);
    var node = el("select", { id: idFor(path, "select") }, list.map(function (c) {
      return el("option", { value: c[0], text: c[1] });
    }));
    node.value = value === undefined || value === null ? "" : value;
    node.addEventListener("change", function () { onChange(node.value); changed(redraw); });
    return node;
  }

  function lines(text) {
    return text.split("\n").map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function move(list, from, to) {
    if (to < 0 || to >= list.length || from === to) {
      return false;
    }
    list.splice(to, 0, list.splice(from, 1)[0]);
    return true;
  }

  function setOrDelete(object, key, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) {
      delete object[key];
    } else {
      object[key] = value;
    }
  }

  function uniqueKey(prefix, taken) {
    var n = 1;
    while (taken.indexOf(prefix + n) !== -1) {
      n += 1;
    }
    return prefix + n;
  }

  function allFieldKeys() {
    var keys = [];
    data.steps.forEach(function (step) {
      (step.fields || []).forEach(function (f) { keys.push(f.key); });
    });
    return keys;
  }

  function roleChoices(blank) {
    var choices = palette.roles.map(function (r) { return [r.key, r.label]; });
    return blank ? [["", blank]].concat(choices) : choices;
  }

  function typeOf(field) {
    return types[field.type] || { key: field.type, label: field.type, editors: [], settings: [], value: {}, input: true };
  }

  function isNumeric(field) {
    var value = typeOf(field).value || {};
    return value.type === "integer" || value.format === "decimal" || field.type === "computed";
  }

  function valueFields(fields, except) {
    return (fields || []).filter(function (f) { return f !== except && !typeOf(f).layout && f.key; });
  }

  // --- conditions: pickers that read and write JSONLogic --------------------------------

  var UNARY = { "!!": true, "!": true };

  /* {field, op, value} for a condition the pickers can show, else null. */
  function parseCondition(logic) {
    if (!logic || typeof logic !== "object" || Array.isArray(logic)) {
      return null;
    }
    var ops = Object.keys(logic);
    if (ops.length !== 1) {
      return null;
    }
    var op = ops[0], args = logic[op];
    if (UNARY[op]) {
      var arg = Array.isArray(args) ? args[0] : args;
      return arg && typeof arg.var === "string" ? { field: arg.var, op: op } : null;
    }
    if (!Array.isArray(args) || args.length !== 2) {
      return null;
    }
    if (op === "in" && args[1] && typeof args[1].var === "string" && typeof args[0] !== "object") {
      return { field: args[1].var, op: op, value: args[0] };
    }
    if (args[0] && typeof args[0].var === "string" && typeof args[1] !== "object" &&
        palette.operators.some(function (o) { return o.op === op; })) {
      return { field: args[0].var, op: op, value: args[1] };
    }
    return null;
  }

  function buildCondition(picked, field) {
    if (!picked.field) {
      return undefined;
    }
    var v = { "var": picked.field };
    if (UNARY[picked.op]) {
      var unary = {};
      unary[picked.op] = v;
      return unary;
    }
    var value = picked.value;
    if (field && field.type === "boolean") {
      value = value === true || value === "true";
    } else if (field && isNumeric(field) && value !== "" && !isNaN(Number(value))) {
      value = Number(value);
    }
    var logic = {};
    logic[picked.op] = picked.op === "in" ? [value, v] : [v, value];
    return logic;
  }

  /* The picker of one condition; `write(logic|undefined)` stores it. */
  function conditionPicker(path, label, logic, candidates, write) {
    var box = el("fieldset", { class: "condition", "data-path": path }, [el("legend", { text: label })]);
    if (logic !== undefined && logic !== null && parseCondition(logic) === null) {
      box.appendChild(el("p", { class: "muted", text: "自定义条件（保持不变）：" }));
      box.appendChild(el("code", { text: JSON.stringify(logic) }));
      box.appendChild(button("清除条件", "清除" + label, function () { write(undefined); changed(true); }));
      return box;
    }
    var picked = parseCondition(logic) || { field: "", op: "==", value: "" };
    var byKey = {};
    candidates.forEach(function (f) { byKey[f.key] = f; });
    var fieldSelect = select(path + ".field", picked.field, [["", "（无条件）"]].concat(candidates.map(function (f) {
      return [f.key, (f.label || f.key) + "（" + f.key + "）"];
    })), function (value) {
      picked.field = value;
      write(buildCondition(picked, byKey[value]));
    }, true);
    box.appendChild(row(path + ".field", "字段", fieldSelect));
    if (!picked.field) {
      return box;
    }
    var field = byKey[picked.field];
    var opSelect = select(path + ".op", picked.op, palette.operators.map(function (o) {
      return [o.op, o.label];
    }), function (value) {
      picked.op = value;
      write(buildCondition(picked, field));
    }, true);
    box.appendChild(row(path + ".op", "比较", opSelect));
    if (UNARY[picked.op]) {
      return box;
    }
    var valueControl;
    var update = function (value) { picked.value = value; write(buildCondition(picked, field)); };
    if (field && (field.type === "choice" || field.type === "multichoice") && field.options) {
      valueControl = select(path + ".value", picked.value, [["", "请选择"]].concat(field.options.map(function (o) {
        return [o.value, o.label];
      })), update, false);
    } else if (field && field.type === "boolean") {
      valueControl = select(path + ".value", String(picked.value), [["true", "是"], ["false", "否"]], update, false);
    } else {
      valueControl = textInput(path + ".value", picked.value === undefined ? "" : String(picked.value), update,
                               isNumeric(field || {}) ? { inputmode: "decimal" } : {});
    }
    box.appendChild(row(path + ".value", "值", valueControl));
    return box;
  }

  // --- type settings ------------------------------------------------------------------

  function optionsEditor(path, field) {
    field.options = field.options || [];
    var box = el("fieldset", { class: "options", "data-path": path + ".options" }, [el("legend", { text: "选项" })]);
    field.options.forEach(function (option, i) {
      var here = path + ".options[" + i + "]";
      box.appendChild(el("div", { class: "inline-row", "data-path": here }, [
        row(here + ".label", "选项文字", textInput(here + ".label", option.label, function (v) { option.label = v; })),
        row(here + ".value", "存储值", textInput(here + ".value", option.value, function (v) { option.value = v; })),
        button("删除", "删除选项" + (i + 1), function () { field.options.splice(i, 1); changed(true); })
      ]));
    });
    box.appendChild(button("＋ 添加选项", "添加选项", function () {
      var n = field.options.length + 1;
      field.options.push({ value: "option" + n, label: "选项" + n });
      changed(true);
    }));
    return box;
  }

  function formulaEditor(path, field, siblings) {
    var box = el("fieldset", { class: "formula", "data-path": path + ".formula" }, [el("legend", { text: "计算公式" })]);
    var logic = field.formula;
    var op = logic && typeof logic === "object" ? Object.keys(logic)[0] : "+";
    var args = logic && Array.isArray(logic[op]) ? logic[op] : [];
    var simple = !logic || (["+", "-", "*", "/"].indexOf(op) !== -1 &&
      args.every(function (a) { return a && typeof a.var === "string"; }));
    if (!simple) {
      box.appendChild(el("code", { text: JSON.stringify(logic) }));
      box.appendChild(button("清除公式", "清除公式", function () { delete field.formula; changed(true); }));
      return box;
    }
    var operands = args.map(function (a) { return a.var; });
    var write = function () {
      var formula = {};
      formula[op] = operands.filter(Boolean).map(function (k) { return { "var": k }; });
      field.formula = formula;
    };
    var numeric = siblings.filter(function (f) { return f !== field && isNumeric(f); });
    box.appendChild(row(path + ".formula.op", "运算", select(path + ".formula.op", op,
      [["+", "求和（＋）"], ["-", "相减（－）"], ["*", "相乘（×）"], ["/", "相除（÷）"]],
      function (v) { op = v; write(); }, false)));
    operands.concat([""]).forEach(function (key, i) {
      box.appendChild(row(path + ".formula[" + i + "]", "第 " + (i + 1) + " 项",
        select(path + ".formula[" + i + "]", key, [["", "（不选）"]].concat(numeric.map(function (f) {
          return [f.key, f.label || f.key];
        })), function (v) { operands[i] = v; write(); }, true)));
    });
    return box;
  }

  function settingEditor(path, field, editor, siblings) {
    var name = editor.name, here = path + "." + name;
    switch (editor.input) {
      case "integer":
        return row(here, editor.label, textInput(here, field[name] === undefined ? "" : String(field[name]), function (v) {
          setOrDelete(field, name, /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v.trim());
        }, { inputmode: "numeric" }));
      case "number":
        return row(here, editor.label, textInput(here, field[name] === undefined ? "" : String(field[name]), function (v) {
          setOrDelete(field, name, /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v.trim());
        }, { inputmode: "decimal" }));
      case "flag":
        return check(here, editor.label, field[name], function (on) { setOrDelete(field, name, on || undefined); changed(false); });
      case "select":
        return row(here, editor.label, select(here, field[name], [["", "默认"]].concat(Object.keys(editor.choices).map(function (k) {
          return [k, editor.choices[k]];
        })), function (v) { setOrDelete(field, name, v); }, false));
      case "role":
        return row(here, editor.label, select(here, field[name], roleChoices("请选择"), function (v) { setOrDelete(field, name, v); }, false));
      case "multi":
        var box = el("fieldset", { "data-path": here }, [el("legend", { text: editor.label + "（不选则全部允许）" })]);
        Object.keys(editor.choices).forEach(function (k) {
          box.appendChild(check(here + "." + k, editor.choices[k], (field[name] || []).indexOf(k) !== -1, function (on) {
            var chosen = (field[name] || []).filter(function (x) { return x !== k; });
            if (on) {
              chosen.push(k);
            }
            setOrDelete(field, name, chosen);
            changed(false);
          }));
        });
        return box;
      case "options":
        return optionsEditor(path, field);
      case "columns":
        field.columns = field.columns || [];
        return fieldList(here, field.columns, "表格的列", function (t) { return t.key !== "table" && !t.layout; });
      case "formula":
        return formulaEditor(path, field, siblings);
      default:
        return null;
    }
  }

  // --- fields -------------------------------------------------------------------------

  function fieldEditor(path, list, index) {
    var field = list[index];
    var type = typeOf(field);
    var item = el("li", { class: "designer-field", "data-path": path });
    var title = (field.label || "（未命名字段）") + " · " + type.label;
    item.appendChild(el("div", { class: "toolbar" }, [
      el("span", { class: "drag-handle", "aria-hidden": "true", title: "拖动排序", text: "⠿" }),
      el("strong", { text: title }),
      button("↑", "上移字段“" + (field.label || field.key) + "”", function () { moveAndFocus(list, index, index - 1, path, "up"); }),
      button("↓", "下移字段“" + (field.label || field.key) + "”", function () { moveAndFocus(list, index, index + 1, path, "down"); }),
      button("删除", "删除字段“" + (field.label || field.key) + "”", function () { list.splice(index, 1); changed(true); })
    ]));
    var body = el("details", { open: field.__open !== false }, [el("summary", { text: "字段设置" })]);
    body.addEventListener("toggle", function () { field.__open = body.open; });
    body.appendChild(row(path + ".label", "标签", textInput(path + ".label", field.label, function (v) { field.label = v; })));
    body.appendChild(row(path + ".key", "字段标识", textInput(path + ".key", field.key, function (v) { field.key = v.trim(); }),
      "小写英文字母、数字和下划线；条件和公式用它引用本字段。"));
    body.appendChild(row(path + ".help", "填写说明", textArea(path + ".help", field.help, function (v) { setOrDelete(field, "help", v.trim()); })));
    var settings = type.settings || [];
    if (settings.indexOf("required") !== -1) {
      body.appendChild(check(path + ".required", "必填", field.required, function (on) { setOrDelete(field, "required", on || undefined); changed(false); }));
    }
    if (settings.indexOf("public") !== -1) {
      body.appendChild(check(path + ".public", "在村务公开页面公开", field.public, function (on) { setOrDelete(field, "public", on || undefined); changed(false); }));
      body.appendChild(check(path + ".mask", "公开时遮挡中间部分（个人信息）", field.mask, function (on) { setOrDelete(field, "mask", on || undefined); changed(false); }));
      body.appendChild(check(path + ".minor", "涉及未成年人（任何公开页面都不显示）", field.minor, function (on) { setOrDelete(field, "minor", on || undefined); changed(false); }));
    }
    (type.editors || []).forEach(function (editor) {
      var node = settingEditor(path, field, editor, list);
      if (node) {
        body.appendChild(node);
      }
    });
    var candidates = valueFields(list, field);
    body.appendChild(conditionPicker(path + ".visible_when", "何时显示（不设则总是显示）", field.visible_when, candidates,
      function (logic) { setOrDelete(field, "visible_when", logic); }));
    if (settings.indexOf("required_when") !== -1) {
      body.appendChild(conditionPicker(path + ".required_when", "何时必填", field.required_when, candidates,
        function (logic) { setOrDelete(field, "required_when", logic); }));
    }
    item.appendChild(body);
    return item;
  }

  function fieldList(path, list, label, allowed) {
    var box = el("fieldset", { class: "designer-fields", "data-path": path }, [el("legend", { text: label })]);
    var ol = el("ol", { class: "sortable-list" });
    list.forEach(function (field, i) {
      ol.appendChild(fieldEditor(path + "[" + i + "]", list, i));
    });
    box.appendChild(ol);
    sortable(ol, list);
    var paletteBox = el("div", { class: "palette", role: "group", "aria-label": "添加字段：" + label });
    palette.field_types.filter(allowed || function () { return true; }).forEach(function (t) {
      paletteBox.appendChild(button("＋ " + t.label, "添加“" + t.label + "”字段到" + label, function () {
        var field = { key: uniqueKey("field", allFieldKeys().concat(list.map(function (f) { return f.key; }))), type: t.key, label: t.label };
        if (t.key === "choice" || t.key === "multichoice") {
          field.options = [{ value: "option1", label: "选项1" }, { value: "option2", label: "选项2" }];
        } else if (t.key === "signature") {
          field.role = "village_director";
        } else if (t.key === "table") {
          field.columns = [{ key: "name", type: "text", label: "名称" }];
        } else if (t.key === "computed") {
          field.formula = { "+": [] };
        }
        list.push(field);
        changed(true);
        focusLater(idFor(path + "[" + (list.length - 1) + "].label", "input"));
      }));
    });
    box.appendChild(paletteBox);
    return box;
  }

  // --- steps --------------------------------------------------------------------------

  function kindOf(step) {
    return kinds[step.kind] || { key: step.kind, label: step.kind, keys: [] };
  }

  var KIND_DEFAULTS = {
    meeting: { majority: "1/2", majority_of: "present" },
    notice: { notice_days: 5 },
    countersign: { roles: ["village_secretary", "village_director"] },
    include: { include: "four_deliberations" }
  };

  function changeKind(step, kind) {
    var allowed = kinds[kind].keys;
    Object.keys(step).forEach(function (key) {
      if (key.indexOf("__") !== 0 && allowed.indexOf(key) === -1) {
        delete step[key];
      }
    });
    step.kind = kind;
    var defaults = KIND_DEFAULTS[kind] || {};
    Object.keys(defaults).forEach(function (key) {
      if (step[key] === undefined) {
        step[key] = JSON.parse(JSON.stringify(defaults[key]));
      }
    });
    if (allowed.indexOf("role") !== -1 && kind !== "countersign" && !step.role) {
      step.role = "village_committee";
    }
    if (kind !== "include" && !step.name) {
      step.name = kinds[kind].label;
    }
  }

  function stepChoices(except) {
    return data.steps.filter(function (s) { return s !== except && s.key; }).map(function (s) {
      return [s.key, (s.name || (s.kind === "include" ? blockName(s.include) : s.key)) + "（" + s.key + "）"];
    });
  }

  function blockName(key) {
    var block = palette.blocks.filter(function (b) { return b.key === key; })[0];
    return block ? block.label : key;
  }

  function earlierFields(index) {
    var fields = [];
    data.steps.slice(0, index + 1).forEach(function (step) {
      fields = fields.concat(valueFields(step.fields));
    });
    return fields;
  }

  function stepSettings(path, step, index) {
    var body = [];
    var keys = kindOf(step).keys;
    var earlier = data.steps.slice(0, index).filter(function (s) { return s.key; });
    body.push(row(path + ".kind", "环节类型", select(path + ".kind", step.kind, palette.step_kinds.map(function (k) {
      return [k.key, k.label];
    }), function (v) { changeKind(step, v); }, true)));
    if (step.kind === "include") {
      body.push(row(path + ".include", "流程模块", select(path + ".include", step.include, palette.blocks.map(function (b) {
        return [b.key, b.label];
      }), function (v) { step.include = v; }, true), "整段插入，环节和表决规则按本县、本乡镇的规定。"));
    }
    body.push(row(path + ".name", step.kind === "include" ? "名称（可不填）" : "环节名称",
      textInput(path + ".name", step.name, function (v) { setOrDelete(step, "name", v); })));
    body.push(row(path + ".key", "环节代码", textInput(path + ".key", step.key, function (v) { step.key = v.trim(); }),
      "小写英文字母、数字和下划线；分支和退回用它指向本环节。"));
    if (step.kind !== "include" && step.kind !== "countersign") {
      body.push(row(path + ".role", "办理角色", select(path + ".role", step.role, roleChoices(), function (v) { step.role = v; }, false)));
    }
    if (step.kind === "countersign") {
      var roles = el("fieldset", { "data-path": path + ".roles" }, [el("legend", { text: "会签角色（每个角色由不同的人签）" })]);
      palette.roles.forEach(function (r) {
        roles.appendChild(check(path + ".roles." + r.key, r.label, (step.roles || []).indexOf(r.key) !== -1, function (on) {
          step.roles = (step.roles || []).filter(function (x) { return x !== r.key; });
          if (on) {
            step.roles.push(r.key);
          }
          changed(false);
        }));
      });
      body.push(roles);
    }
    if (step.kind === "meeting") {
      var fractions = [["1/2", "二分之一"], ["2/3", "三分之二"], ["3/4", "四分之三"]];
      body.push(row(path + ".quorum", "到会人数不少于应到人数的", select(path + ".quorum", step.quorum, [["", "不设到会要求"]].concat(fractions),
        function (v) { step.quorum = v || null; }, false)));
      body.push(row(path + ".majority", "赞成票须超过", select(path + ".majority", step.majority, fractions, function (v) { step.majority = v; }, false)));
      body.push(row(path + ".majority_of", "赞成票的基数", select(path + ".majority_of", step.majority_of || "present",
        Object.keys(palette.majority_bases).map(function (k) { return [k, palette.majority_bases[k]]; }),
        function (v) { step.majority_of = v; }, false)));
    }
    if (step.kind === "notice") {
      body.push(row(path + ".notice_days", "公示天数", textInput(path + ".notice_days", String(step.notice_days || ""), function (v) {
        step.notice_days = /^\d+$/.test(v.trim()) ? Number(v.trim()) : v;
      }, { inputmode: "numeric" })));
    }
    if (step.kind === "approval") {
      var distinct = el("fieldset", { "data-path": path + ".distinct_from" }, [el("legend", { text: "审批人不得是以下环节的办理人" })]);
      earlier.forEach(function (s) {
        distinct.appendChild(check(path + ".distinct_from." + s.key, s.name || blockName(s.include), (step.distinct_from || []).indexOf(s.key) !== -1, function (on) {
          step.distinct_from = (step.distinct_from || []).filter(function (x) { return x !== s.key; });
          if (on) {
            step.distinct_from.push(s.key);
          }
          changed(false);
        }));
      });
      if (!earlier.length) {
        distinct.appendChild(el("p", { class: "muted", text: "前面还没有环节。" }));
      }
      body.push(distinct);
      body.push(row(path + ".return_to", "退回时回到", select(path + ".return_to", step.return_to, [["", "不允许退回"]].concat(earlier.map(function (s) {
        return [s.key, s.name || blockName(s.include)];
      })), function (v) { step.return_to = v || null; }, false)));
    }
    if (keys.indexOf("time_limit") !== -1) {
      var limit = step.time_limit;
      var limitBox = el("fieldset", { class: "time-limit", "data-path": path + ".time_limit" }, [el("legend", { text: "办理时限" })]);
      limitBox.appendChild(row(path + ".time_limit.days", "天数（不填则不限）", textInput(path + ".time_limit.days", limit ? String(limit.days) : "", function (v) {
        if (!v.trim()) {
          step.time_limit = null;
        } else {
          step.time_limit = { days: /^\d+$/.test(v.trim()) ? Number(v.trim()) : v, working: step.time_limit ? step.time_limit.working !== false : true };
        }
      }, { inputmode: "numeric" })));
      limitBox.appendChild(check(path + ".time_limit.working", "按工作日计算（不选则按自然日）", !limit || limit.working !== false, function (on) {
        if (step.time_limit) {
          step.time_limit.working = on;
        }
        changed(false);
      }));
      body.push(limitBox);
    }
    body.push(row(path + ".next", "下一环节", select(path + ".next", step[AUTO] ? "__auto" : (step.next || ""),
      [["__auto", "按顺序：下一个环节"], ["", "流程结束"]].concat(stepChoices(step)), function (v) {
        step[AUTO] = v === "__auto";
        step.next = step[AUTO] || !v ? null : v;
      }, false)));
    if (keys.indexOf("branches") !== -1) {
      body.push(branchesEditor(path, step, index));
    }
    if (keys.indexOf("fields") !== -1) {
      step.fields = step.fields || [];
      body.push(fieldList(path + ".fields", step.fields, "本环节的表单"));
    }
    return body;
  }

  function branchesEditor(path, step, index) {
    step.branches = step.branches || [];
    var box = el("fieldset", { class: "branches", "data-path": path + ".branches" }, [
      el("legend", { text: "分支：满足条件时转到" })
    ]);
    step.branches.forEach(function (branch, j) {
      var here = path + ".branches[" + j + "]";
      var part = el("div", { class: "branch", "data-path": here });
      part.appendChild(conditionPicker(here + ".when", "条件 " + (j + 1), branch.when, earlierFields(index), function (logic) {
        branch.when = logic === undefined ? null : logic;
      }));
      part.appendChild(row(here + ".goto", "转到环节", select(here + ".goto", branch.goto, [["", "请选择"]].concat(stepChoices(step)),
        function (v) { branch.goto = v; }, false)));
      part.appendChild(button("删除分支", "删除分支 " + (j + 1), function () { step.branches.splice(j, 1); changed(true); }));
      box.appendChild(part);
    });
    box.appendChild(button("＋ 添加分支", "添加分支", function () {
      step.branches.push({ when: null, goto: "" });
      changed(true);
    }));
    return box;
  }

  function stepEditor(index) {
    var step = data.steps[index];
    var path = "steps[" + index + "]";
    var title = (index + 1) + ". " + (step.name || (step.kind === "include" ? blockName(step.include) : step.key)) + " · " + kindOf(step).label;
    var item = el("li", { class: "designer-step card", "data-path": path });
    item.appendChild(el("div", { class: "toolbar" }, [
      el("span", { class: "drag-handle", "aria-hidden": "true", title: "拖动排序", text: "⠿" }),
      el("h3", { text: title }),
      button("↑ 上移", "上移环节“" + (step.name || step.key) + "”", function () { moveAndFocus(data.steps, index, index - 1, path, "up"); }),
      button("↓ 下移", "下移环节“" + (step.name || step.key) + "”", function () { moveAndFocus(data.steps, index, index + 1, path, "down"); }),
      button("删除环节", "删除环节“" + (step.name || step.key) + "”", function () {
        data.steps.splice(index, 1);
        changed(true);
      })
    ]));
    var details = el("details", { open: step.__open !== false }, [el("summary", { text: "环节设置" })]);
    details.addEventListener("toggle", function () { step.__open = details.open; });
    stepSettings(path, step, index).forEach(function (node) { details.appendChild(node); });
    item.appendChild(details);
    return item;
  }

  function addStep(kind) {
    var step = { key: uniqueKey(kind === "include" ? "deliberate" : "step", data.steps.map(function (s) { return s.key; })), kind: "task" };
    step[AUTO] = true;
    changeKind(step, kind);
    data.steps.push(step);
    changed(true);
    focusLater(idFor("steps[" + (data.steps.length - 1) + "].name", "input"));
  }

  // --- the item -----------------------------------------------------------------------

  function metaEditor() {
    var box = el("section", { class: "card designer-meta" }, [el("h2", { text: "事项信息" })]);
    box.appendChild(row("name", "事项名称", textInput("name", data.name, function (v) { data.name = v; })));
    box.appendChild(row("key", "事项标识", el("input", { type: "text", id: idFor("key", "input"), value: data.key, readonly: true }),
      "创建后不能修改。"));
    box.appendChild(row("domain", "所属领域", select("domain", data.domain, palette.domains.map(function (d) {
      return [d.key, d.label];
    }), function (v) { data.domain = v; }, false)));
    box.appendChild(row("responsible_role", "责任主体", select("responsible_role", data.responsible_role, roleChoices(),
      function (v) { data.responsible_role = v; }, false)));
    box.appendChild(row("basis", "政策依据（每行一条）", textArea("basis", (data.basis || []).join("\n"), function (v) { data.basis = lines(v); })));
    box.appendChild(row("publicity", "公开公示要求", textArea("publicity", data.publicity, function (v) { setOrDelete(data, "publicity", v.trim() || null); }),
      "公开哪些内容、何时公开；各字段是否公开在字段设置中勾选。"));
    box.appendChild(row("guide_unit", "业务指导单位", textInput("guide_unit", data.guide_unit, function (v) { setOrDelete(data, "guide_unit", v.trim() || null); })));
    box.appendChild(row("materials", "所需材料（每行一项）", textArea("materials", (data.materials || []).join("\n"), function (v) { data.materials = lines(v); })));
    box.appendChild(row("description", "说明", textArea("description", data.description, function (v) { setOrDelete(data, "description", v.trim() || null); })));
    return box;
  }

  function stepsEditor() {
    var box = el("section", { class: "designer-steps", "data-path": "steps" }, [el("h2", { text: "办理环节" })]);
    var ol = el("ol", { class: "sortable-list" });
    data.steps.forEach(function (_, i) { ol.appendChild(stepEditor(i)); });
    box.appendChild(ol);
    sortable(ol, data.steps);
    var add = el("div", { class: "palette", role: "group", "aria-label": "添加环节" });
    palette.step_kinds.forEach(function (k) {
      var label = k.key === "include" ? "＋ 四议两公开等流程模块" : "＋ " + k.label + "环节";
      add.appendChild(button(label, "添加" + k.label + "环节", function () { addStep(k.key); }));
    });
    box.appendChild(add);
    return box;
  }

  // --- redraw, order, focus -----------------------------------------------------------

  function sortable(list, items) {
    if (!editable || typeof Sortable === "undefined") {
      return;
    }
    Sortable.create(list, {
      handle: ".drag-handle",
      draggable: "li",
      animation: 150,
      onEnd: function (event) {
        if (move(items, event.oldIndex, event.newIndex)) {
          changed(true);
        }
      }
    });
  }

  function moveAndFocus(list, from, to, path, which) {
    if (!move(list, from, to)) {
      return;
    }
    var moved = path.replace(/\[(\d+)\]$/, "[" + to + "]");
    changed(true);
    var target = root.querySelector('[data-path="' + moved + '"] .toolbar button[aria-label^="' + (which === "up" ? "上移" : "下移") + '"]');
    if (target) {
      target.focus();
    }
  }

  function focusLater(id) {
    var node = document.getElementById(id);
    if (node) {
      node.focus();
    }
  }

  /* Steps whose `next` is their follower are marked to follow the order when steps move. */
  function markAutoNext() {
    data.steps.forEach(function (step, i) {
      var follower = data.steps[i + 1];
      step[AUTO] = follower ? step.next === follower.key : step.next === null || step.next === undefined;
    });
  }

  function draw() {
    var active = document.activeElement && document.activeElement.id;
    var editor = root.querySelector(".designer-editor");
    var fresh = el("fieldset", { class: "designer-editor", disabled: !editable }, [
      el("legend", { class: "visually-hidden", text: "事项设计" }), metaEditor(), stepsEditor()
    ]);
    editor.parentNode.replaceChild(fresh, editor);
    if (active) {
      focusLater(active);
    }
  }

  function changed(redraw) {
    if (redraw) {
      draw();
    }
    root.querySelector(".designer-state").textContent = "有未保存的修改";
    clearTimeout(previewTimer);
    previewTimer = setTimeout(preview, 800);
  }

  /* The definition as it is sent: private marks dropped, `next` filled from the order, only
     the keys each step kind may carry. */
  function serialized() {
    var copy = JSON.parse(JSON.stringify(data, function (key, value) {
      return key.indexOf("__") === 0 ? undefined : value;
    }));
    copy.steps = copy.steps.map(function (step, i) {
      var allowed = kindOf(step).keys;
      if (data.steps[i][AUTO]) {
        step.next = data.steps[i + 1] ? data.steps[i + 1].key : null;
      }
      var clean = {};
      Object.keys(step).forEach(function (key) {
        if (allowed.indexOf(key) !== -1) {
          clean[key] = step[key];
        }
      });
      return clean;
    });
    return copy;
  }

  // --- talking to the server ----------------------------------------------------------

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": root.dataset.csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        return { ok: response.ok, status: response.status, json: json };
      });
    });
  }

  function clearErrors() {
    Array.prototype.forEach.call(root.querySelectorAll(".designer-error"), function (node) { node.remove(); });
    Array.prototype.forEach.call(root.querySelectorAll("[aria-invalid]"), function (node) { node.removeAttribute("aria-invalid"); });
    root.querySelector(".designer-errors").replaceChildren();
  }

  /* The element carrying `path`, or the nearest one carrying a path it starts with. */
  function holder(path) {
    var here = path;
    for (;;) {
      var found = root.querySelector('.designer-editor [data-path="' + here.replace(/"/g, "") + '"]');
      if (found) {
        return found;
      }
      var parent = here.replace(/(\.[^.[\]]*|\[\d+\])$/, "");
      if (!parent || parent === here) {
        return root.querySelector(".designer-editor");
      }
      here = parent;
    }
  }

  function showErrors(error) {
    clearErrors();
    var summary = root.querySelector(".designer-errors");
    summary.appendChild(el("p", { class: "error", role: "alert", text: error.message || "保存失败，请稍后再试。" }));
    var fields = error.fields || {};
    Object.keys(fields).forEach(function (path) {
      var at = holder(path);
      var message = el("p", { class: "error designer-error", text: fields[path] });
      var control = at.matches("input, select, textarea") ? at : at.querySelector(":scope > input, :scope > select, :scope > textarea");
      if (control) {
        control.setAttribute("aria-invalid", "true");
      }
      if (at.tagName === "LI" || at.tagName === "FIELDSET" || at.classList.contains("designer-editor")) {
        at.insertBefore(message, at.children[1] || null);
      } else {
        at.appendChild(message);
      }
      var details = at.closest("details");
      while (details) {
        details.open = true;
        details = details.parentElement.closest("details");
      }
    });
  }

  function save() {
    clearTimeout(previewTimer);
    var state = root.querySelector(".designer-state");
    state.textContent = "正在保存…";
    post(root.dataset.save, serialized()).then(function (answer) {
      if (answer.ok) {
        clearErrors();
        state.textContent = "已保存为第 " + answer.json.version.number + " 版草稿。";
        preview();
      } else {
        state.textContent = "未保存：请按提示修改。";
        showErrors(answer.json.error || {});
      }
    }, function () {
      state.textContent = "网络错误，未保存；请稍后再试。";
    });
  }

  function preview() {
    post(root.dataset.preview, serialized()).then(function (answer) {
      var forms = root.querySelector(".preview-forms");
      var chart = root.querySelector(".preview-chart");
      if (!answer.ok) {
        showErrors(answer.json.error || {});
        root.querySelector(".preview-state").textContent = "定义有误，预览未更新。";
        return;
      }
      clearErrors();
      root.querySelector(".preview-state").textContent = "预览已更新。";
      /* The fragment is server-rendered with every label escaped by Jinja. */
      forms.innerHTML = answer.json.forms;
      Array.prototype.forEach.call(forms.querySelectorAll("form.step-form"), watchConditions);
      chart.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(answer.json.flowchart);
    });
  }

  /* Show and hide preview fields by their `visible_when`, as a clerk's form does. */
  function watchConditions(form) {
    var wrappers = form.querySelectorAll(".field[data-visible-when]");
    if (!wrappers.length || typeof jsonLogic === "undefined") {
      return;
    }
    var update = function () {
      var values = {};
      Array.prototype.forEach.call(form.elements, function (input) {
        if (!input.name || input.closest("[hidden]") || ((input.type === "checkbox" || input.type === "radio") && !input.checked)) {
          return;
        }
        var value = input.type === "checkbox" ? true : input.value.trim();
        if (value === "true" || value === "false") {
          value = value === "true";
        }
        if (value !== "") {
          values[input.name] = value;
        }
      });
      Array.prototype.forEach.call(wrappers, function (wrapper) {
        wrapper.hidden = !jsonLogic.truthy(jsonLogic.apply(JSON.parse(wrapper.dataset.visibleWhen), values));
      });
    };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
  }

  function start(json) {
    data = json.definition;
    palette = json.palette;
    editable = json.editable;
    types = {};
    palette.field_types.forEach(function (t) { types[t.key] = t; });
    kinds = {};
    palette.step_kinds.forEach(function (k) { kinds[k.key] = k; });
    markAutoNext();
    draw();
    root.querySelector(".designer-state").textContent = "第 " + json.version.number + " 版（" +
      (json.version.status === "published" ? "已发布；保存后成为新草稿" : "草稿") + "）";
    var saveButton = root.querySelector(".designer-save");
    if (saveButton) {
      saveButton.addEventListener("click", save);
    }
    root.querySelector(".designer-preview-now").addEventListener("click", preview);
    preview();
  }

  document.addEventListener("DOMContentLoaded", function () {
    root = document.getElementById("designer");
    if (!root) {
      return;
    }
    fetch(root.dataset.source, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(start, function () {
        root.querySelector(".designer-state").textContent = "无法加载事项定义，请刷新页面。";
      });
  });
}());
