/*
 * Shows and hides the fields of a step form by their JSONLogic `visible_when`, as you type.
 *
 * A field wrapper `.field[data-visible-when]` is shown while its condition holds over the
 * form's values, read the way the server reads them: keys are field names (`person-name` is
 * `person.name`, `quotes-0-price` is `quotes[0].price`), text is trimmed, blank inputs are
 * absent, yes/no answers are booleans, and a hidden field counts as absent for other
 * conditions, so hiding cascades until nothing changes.
 * The server applies the same rule to whatever is submitted; this is only a convenience, and
 * without script every field simply stays visible.
 */
(function () {
  "use strict";

  function put(data, name, value, many) {
    var parts = name.split("-");
    var here = data;
    for (var i = 0; i < parts.length - 1; i += 1) {
      if (here[parts[i]] === undefined) {
        here[parts[i]] = /^\d+$/.test(parts[i + 1]) ? [] : {};
      }
      here = here[parts[i]];
    }
    var last = parts[parts.length - 1];
    if (many) {
      (here[last] = here[last] || []).push(value);
    } else {
      here[last] = value;
    }
  }

  function valueOf(input) {
    if (input.type === "number") {
      return Number(input.value);
    }
    if (input.type === "radio" && (input.value === "true" || input.value === "false")) {
      return input.value === "true";
    }
    return input.value.trim();
  }

  function values(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name || input.name === "csrf_token" || input.type === "file" ||
          input.type === "submit" || input.closest("[hidden]")) {
        return;
      }
      if (input.type === "checkbox" || input.type === "radio") {
        if (!input.checked) {
          return;
        }
        var group = form.querySelectorAll('input[type="checkbox"][name="' + input.name + '"]');
        put(data, input.name, input.type === "checkbox" && group.length === 1 ? true : valueOf(input),
            group.length > 1);
      } else if (input.multiple) {
        Array.prototype.forEach.call(input.selectedOptions, function (option) {
          put(data, input.name, option.value, true);
        });
      } else if (input.value.trim() !== "") {
        put(data, input.name, valueOf(input), false);
      }
    });
    return data;
  }

  function settle(form, wrappers) {
    for (var round = 0; round <= wrappers.length; round += 1) {
      var data = values(form);
      var changed = false;
      wrappers.forEach(function (wrapper) {
        var logic = JSON.parse(wrapper.getAttribute("data-visible-when"));
        var hide = !jsonLogic.truthy(jsonLogic.apply(logic, data));
        if (wrapper.hidden !== hide) {
          wrapper.hidden = hide;
          changed = true;
        }
      });
      if (!changed) {
        return;
      }
    }
  }

  function watch(form) {
    var wrappers = Array.prototype.slice.call(form.querySelectorAll(".field[data-visible-when]"));
    if (!wrappers.length) {
      return;
    }
    var update = function () { settle(form, wrappers); };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof jsonLogic === "undefined") {
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll("form.step-form"), watch);
  });
}());
