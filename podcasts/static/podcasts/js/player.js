// Progressive enhancement for podcast pages; everything works without it.
// - Chapter and transcript times become buttons that move the player to that moment.
// - The feed address gets a "Copy" button.
(function () {
  "use strict";

  function enhanceTimestamps() {
    var audio = document.getElementById("episode-audio");
    if (!audio) return;
    document.querySelectorAll(".timestamp[data-seek]").forEach(function (stamp) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "seek";
      button.textContent = stamp.textContent;
      button.dataset.seek = stamp.dataset.seek;
      button.setAttribute("aria-label", audio.dataset.seekLabel + " " + stamp.textContent);
      stamp.replaceWith(button);
    });
    document.addEventListener("click", function (event) {
      var button = event.target.closest("button.seek");
      if (!button) return;
      audio.currentTime = parseFloat(button.dataset.seek) || 0;
      var playing = audio.play();
      // Refused playback (autoplay rules, no audio device): the player is still in place.
      if (playing) playing.catch(function () {});
    });
  }

  function enhanceCopyButtons() {
    document.querySelectorAll("button.copy-feed-url").forEach(function (button) {
      var field = document.querySelector(button.dataset.copy);
      if (!field || !navigator.clipboard) return;
      var label = button.textContent;
      // Screen readers announce the confirmation from here, wherever the focus is.
      var status = button.parentNode.querySelector("[role='status']");
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(function () {
          button.textContent = button.dataset.copied;
          if (status) status.textContent = button.dataset.copied;
          setTimeout(function () {
            button.textContent = label;
            if (status) status.textContent = "";
          }, 2000);
        });
      });
    });
  }

  enhanceTimestamps();
  enhanceCopyButtons();
})();
