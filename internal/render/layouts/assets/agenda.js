// Keeps a static agenda right when it is read after the build: events that
// have ended since are taken out of the lists of upcoming events, and
// registrations whose deadline has passed say so. Without JavaScript the
// page reads correctly as of the build. No dependencies, no inline script.
(function () {
  "use strict";
  var now = Date.now();
  function past(el, attr) {
    var t = Date.parse(el.getAttribute(attr));
    return !isNaN(t) && t <= now;
  }
  var lists = document.querySelectorAll("[data-upcoming]");
  Array.prototype.forEach.call(lists, function (list) {
    Array.prototype.forEach.call(list.querySelectorAll("li[data-ends]"), function (item) {
      if (past(item, "data-ends")) {
        item.parentNode.removeChild(item);
      }
    });
    // Drop the groups (months) and lists left empty.
    Array.prototype.forEach.call(list.querySelectorAll("ul"), function (ul) {
      if (ul.children.length === 0) {
        var group = ul.closest("section.month") || ul;
        group.parentNode.removeChild(group);
      }
    });
    if (!list.querySelector("li")) {
      var empty = list.querySelector("[data-empty]");
      if (empty) {
        empty.hidden = false;
      }
    }
  });
  // "Terminé" on the page of an event that has ended since the build.
  Array.prototype.forEach.call(document.querySelectorAll(".tag[data-ends][hidden]"), function (tag) {
    if (past(tag, "data-ends")) {
      tag.hidden = false;
    }
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-closes]"), function (open) {
    if (past(open, "data-closes")) {
      var closed = open.nextElementSibling;
      if (closed && closed.classList.contains("registration-closed")) {
        open.hidden = true;
        closed.hidden = false;
      }
    }
  });
})();
