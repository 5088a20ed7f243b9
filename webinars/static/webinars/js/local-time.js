// Adds the visitor's own time next to a webinar's time when their time zone differs
// from the portal's. The page is complete without it: the server writes the time in the
// portal's time zone, with the zone's name.
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var language = document.documentElement.lang || undefined;
  var format = new Intl.DateTimeFormat(language, {
    weekday: "long", day: "numeric", month: "long", hour: "numeric", minute: "2-digit",
    timeZoneName: "short"
  });
  document.querySelectorAll("[data-session-time]").forEach(function (element) {
    if (!zone || element.getAttribute("data-portal-zone") === zone) return;
    var start = element.querySelector("time");
    if (!start) return;
    var moment = new Date(start.getAttribute("datetime"));
    if (isNaN(moment.getTime())) return;
    var note = document.createElement("span");
    note.className = "session-time__local";
    note.textContent = element.getAttribute("data-local-label") + " " + format.format(moment);
    element.appendChild(note);
  });
})();
