/* The webinar's live room: joins the chat socket named in data-chat-url (protocol in
   docs/chat-protocol.md), keeps the questions and comments up to date, and sends posts,
   votes and moderators' actions over it. The page works without this script: every
   form posts as a plain form and a reload shows what is new, so while the socket is
   not connected the forms simply post.

   What the server sends is only ever inserted as text (textContent), never as HTML:
   messages are made by cloning the <template> the page renders, in its language. */
(function () {
  "use strict";

  var room = document.querySelector("[data-chat-url]");
  var template = document.getElementById("chat-message-template");
  var stringsElement = document.getElementById("chat-strings");
  if (!room || !template || !stringsElement || !window.WebSocket || !window.Map) return;

  var strings = JSON.parse(stringsElement.textContent);
  var presenter = room.dataset.chatMode === "presenter";
  var storageKey = "webinar-chat:" + room.dataset.webinar + ":last-id";
  var MAX_COMMENTS = 200;
  var ERRORS_THAT_KEEP_THE_TEXT = ["empty", "too_long", "too_large", "rate_limited", "muted", "register_first", "denied"];

  var messages = new Map(); // id -> {data, item}
  var authors = new Map(); // id -> name, from "author" frames (moderators only)
  var mutedIds = new Set(); // messages whose author a moderator muted here
  var socket = null;
  var joined = false;
  var moderator = false;
  var attempts = 0;
  var lastId = null;
  var lastPost = null; // {text, at}: put back if the server refuses it
  var lastVote = null;

  function part(selector) { return room.querySelector(selector); }
  var lists = {
    pending: part('[data-chat-list="pending"]'),
    questions: part('[data-chat-list="questions"]'),
    comments: part('[data-chat-list="comments"]')
  };
  var stateLine = part("[data-chat-state]");
  var reloadLink = part("[data-chat-reload]");
  var viewers = part("[data-chat-viewers]");
  var alertBox = part("[data-chat-alert]");
  var notice = part("[data-chat-notice]");
  var announcer = part("[data-chat-announce]");
  var form = part("[data-chat-form]");

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_match, name) { return String(values[name]); });
  }

  function say(element, text) { if (element) element.textContent = text || ""; }

  // --- Last message seen, kept for this tab so a reload or reconnection resumes ---

  function storedLastId() {
    try { return Number(window.sessionStorage.getItem(storageKey)) || null; } catch (error) { return null; }
  }

  function remember(id) {
    if (lastId !== null && id <= lastId) return;
    lastId = id;
    try { window.sessionStorage.setItem(storageKey, String(id)); } catch (error) { /* private mode */ }
  }

  // --- Messages: the page's own, then those from the socket ---

  function field(item, name) { return item.querySelector('[data-field="' + name + '"]'); }

  function readItem(item) {
    var d = item.dataset;
    var answer = field(item, "answer");
    return {
      id: Number(d.id), kind: d.kind, state: d.state, votes: Number(d.votes),
      pinned: d.pinned === "true", answered: d.answered === "true", anonymous: d.anonymous === "true",
      author: d.author || null, text: field(item, "text").textContent, answer: answer ? answer.textContent : ""
    };
  }

  function seed() {
    room.querySelectorAll("li[data-id]").forEach(function (item) {
      var data = readItem(item);
      messages.set(data.id, { data: data, item: item });
      remember(data.id);
    });
    var stored = storedLastId();
    if (stored) remember(stored);
  }

  // A public copy of an anonymous message has no name, and a hidden one no text: a
  // moderator keeps what they already know rather than have it wiped.
  function merge(known, incoming) {
    var data = Object.assign({}, known, incoming);
    if (known && !incoming.author && known.author && (incoming.anonymous || incoming.state === "hidden")) {
      data.author = known.author;
    }
    if (known && incoming.state === "hidden" && !incoming.text) {
      data.text = known.text;
      data.answer = known.answer;
    }
    return data;
  }

  function receiveMessage(incoming, isNew) {
    var entry = messages.get(incoming.id);
    if (!entry) {
      entry = { data: incoming, item: null };
      messages.set(incoming.id, entry);
    } else {
      entry.data = merge(entry.data, incoming);
    }
    if (!place(entry)) return;
    if (isNew) announce(entry.data);
  }

  function listFor(data) {
    if (presenter) return data.kind === "question" && data.state === "visible" ? lists.questions : null;
    if (data.state === "hidden" && !moderator) return null;
    if (data.state === "pending") return moderator ? lists.pending : null;
    return data.kind === "question" ? lists.questions : lists.comments;
  }

  function place(entry) {
    var list = listFor(entry.data);
    if (!list) {
      if (entry.item) entry.item.remove();
      entry.item = null;
      if (!moderator) messages.delete(entry.data.id);
      showEmpty();
      return false;
    }
    if (!entry.item) entry.item = create(entry.data.id);
    render(entry.item, entry.data);
    if (entry.item.parentNode !== list) list.appendChild(entry.item);
    sort(list);
    if (list === lists.comments) trimComments();
    showEmpty();
    return true;
  }

  function create(id) {
    var item = template.content.firstElementChild.cloneNode(true);
    item.id = "chat-message-" + id;
    item.dataset.id = String(id);
    field(item, "text").id = "chat-text-" + id;
    item.querySelectorAll("[aria-describedby]").forEach(function (element) {
      element.setAttribute("aria-describedby", "chat-text-" + id);
    });
    var vote = item.querySelector('[data-chat-vote] input[name="message"]');
    if (vote) vote.value = String(id);
    var answer = field(item, "answer-input");
    if (answer) {
      answer.id = "chat-answer-" + id;
      answer.previousElementSibling.htmlFor = answer.id;
    }
    return item;
  }

  function authorLabel(data) {
    var name = data.author || authors.get(data.id);
    if (!name) return strings.anonymous;
    return data.anonymous ? format(strings.namedAnonymous, { name: name }) : name;
  }

  function render(item, data) {
    var d = item.dataset;
    d.kind = data.kind;
    d.state = data.state;
    d.votes = String(data.votes);
    d.pinned = String(data.pinned);
    d.answered = String(data.answered);
    d.anonymous = String(data.anonymous);
    item.classList.toggle("chat-message--comment", data.kind === "comment");
    item.classList.toggle("chat-message--question", data.kind === "question");
    say(field(item, "author"), authorLabel(data));
    say(field(item, "text"), data.text);
    say(field(item, "votes"), String(data.votes));
    say(field(item, "answer"), data.answer);
    field(item, "answer-box").hidden = !data.answer;
    renderTime(field(item, "created"), data.created);
    ["pinned", "answered"].forEach(function (badge) {
      item.querySelector('[data-badge="' + badge + '"]').hidden = !data[badge];
    });
    item.querySelector('[data-badge="pending"]').hidden = data.state !== "pending";
    item.querySelector('[data-badge="hidden"]').hidden = data.state !== "hidden";
    item.querySelectorAll("[data-question-only]").forEach(function (element) {
      element.hidden = data.kind !== "question" || data.state !== "visible";
    });
    renderModeration(item, data);
  }

  function renderTime(element, created) {
    if (!element || !created || element.getAttribute("datetime")) return;
    element.setAttribute("datetime", created);
    var when = new Date(created);
    say(element, when.toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" }));
  }

  function renderModeration(item, data) {
    var controls = item.querySelector("[data-chat-moderation]");
    if (!controls) return;
    controls.hidden = !(moderator && joined);
    var button = function (action) { return controls.querySelector('[data-action="' + action + '"]'); };
    button("approve").hidden = data.state !== "pending";
    say(button("hide"), data.state === "hidden" ? strings.show : strings.hide);
    button("pin").hidden = data.state !== "visible";
    say(button("pin"), data.pinned ? strings.unpin : strings.pin);
    say(button("mute"), mutedIds.has(data.id) ? strings.unmute : strings.mute);
    button("unanswer").hidden = !data.answered;
  }

  // Questions: pinned first, then by votes (the presenter's open ones before answered
  // ones); comments and pending questions in the order they were written.
  function compare(list) {
    if (list !== lists.questions) return function (a, b) { return a.dataset.id - b.dataset.id; };
    return function (a, b) {
      var x = a.dataset, y = b.dataset;
      if (presenter && x.answered !== y.answered) return x.answered === "true" ? 1 : -1;
      if (x.pinned !== y.pinned) return x.pinned === "true" ? -1 : 1;
      return (y.votes - x.votes) || (x.id - y.id);
    };
  }

  function sort(list) {
    var items = Array.prototype.slice.call(list.children);
    var sorted = items.slice().sort(compare(list));
    if (sorted.every(function (item, index) { return item === items[index]; })) return;
    // Moving an element takes the focus off it; give it back, so a keyboard user who
    // just voted stays on their button when the question moves up.
    var focused = document.activeElement;
    sorted.forEach(function (item) { list.appendChild(item); });
    if (focused && focused !== document.activeElement && list.contains(focused)) {
      focused.focus({ preventScroll: true });
    }
  }

  function trimComments() {
    var list = lists.comments;
    while (list.children.length > MAX_COMMENTS) {
      var oldest = list.firstElementChild;
      messages.delete(Number(oldest.dataset.id));
      oldest.remove();
    }
  }

  function showEmpty() {
    Object.keys(lists).forEach(function (key) {
      var empty = part('[data-chat-empty="' + key + '"]');
      if (empty && lists[key]) empty.hidden = lists[key].children.length > 0;
    });
  }

  function announce(data) {
    if (!announcer || data.state !== "visible") return;
    var label = data.kind === "question" ? strings.newQuestion : strings.newComment;
    say(announcer, label + " " + authorLabel(data) + ": " + data.text);
  }

  // --- The socket ---

  function socketUrl() {
    var url = new URL(room.dataset.chatUrl, window.location.href);
    url.protocol = window.location.protocol === "https:" ? "wss:" : "ws:";
    return url.toString();
  }

  function connect() {
    say(stateLine, strings.connecting);
    socket = new WebSocket(socketUrl());
    socket.addEventListener("open", function () {
      send({ type: "resume", last_id: lastId });
    });
    socket.addEventListener("message", function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (error) { return; }
      receive(frame);
    });
    socket.addEventListener("close", closed);
  }

  function send(frame) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  function receive(frame) {
    if (frame.type === "message") {
      remember(frame.message.id);
      receiveMessage(frame.message, joined);
    } else if (frame.type === "update") {
      receiveMessage(frame.message, false);
    } else if (frame.type === "author") {
      authors.set(frame.id, frame.author);
      var entry = messages.get(frame.id);
      if (entry && entry.item) render(entry.item, entry.data);
    } else if (frame.type === "joined") {
      onJoined(frame);
    } else if (frame.type === "viewers") {
      showViewers(frame.count);
    } else if (frame.type === "moderated") {
      onModerated(frame);
    } else if (frame.type === "error") {
      onError(frame);
    }
  }

  function onJoined(frame) {
    joined = true;
    attempts = 0;
    moderator = frame.moderator === true;
    say(stateLine, strings.live);
    if (reloadLink) reloadLink.hidden = true;
    showViewers(frame.viewers);
    messages.forEach(function (entry) { place(entry); });
  }

  function showViewers(count) {
    if (!viewers || typeof count !== "number") return;
    say(viewers.querySelector("[data-chat-viewer-count]"), String(count));
    viewers.hidden = false;
  }

  function closed(event) {
    joined = false;
    socket = null;
    if (reloadLink) reloadLink.hidden = false;
    messages.forEach(function (entry) { if (entry.item) renderModeration(entry.item, entry.data); });
    if (event.code === 4403) { // denied: the chat is closed for this visitor, for good
      say(stateLine, strings.closed);
      return;
    }
    // 1, 2, 4 … 30 seconds, with some randomness so 500 viewers do not all come back at once.
    var seconds = Math.min(30, Math.pow(2, attempts)) * (0.5 + Math.random() / 2);
    attempts += 1;
    say(stateLine, format(strings.reconnecting, { seconds: Math.ceil(seconds) }));
    window.setTimeout(connect, seconds * 1000);
  }

  function onError(frame) {
    say(alertBox, frame.message);
    if (frame.code === "rate_limited" && lastVote) unmarkVote(lastVote);
    var recent = lastPost && Date.now() - lastPost.at < 10000;
    if (recent && form && ERRORS_THAT_KEEP_THE_TEXT.indexOf(frame.code) !== -1 && !form.elements.text.value) {
      form.elements.text.value = lastPost.text;
      say(notice, "");
    }
    lastPost = null;
  }

  function onModerated(frame) {
    if (frame.action === "mute") {
      if (frame.value) mutedIds.add(frame.id); else mutedIds.delete(frame.id);
    }
    var entry = messages.get(frame.id);
    if (entry && entry.item) {
      render(entry.item, entry.data);
      var details = entry.item.querySelector(".chat-answer");
      if (frame.action === "answer" && details) details.open = false;
    }
    say(notice, strings.done);
  }

  // --- What the visitor does: sent over the socket while it is joined ---

  function sendPost(postForm) {
    var text = postForm.elements.text.value.trim();
    var kind = postForm.elements.kind.value || "question";
    say(alertBox, "");
    if (!text) {
      say(alertBox, strings.empty);
      postForm.elements.text.focus();
      return;
    }
    send({ type: kind, text: text, anonymous: postForm.elements.anonymous.checked });
    lastPost = { text: text, at: Date.now() };
    postForm.elements.text.value = "";
    var waits = room.dataset.moderation === "pre" && kind === "question" && !moderator;
    say(notice, waits ? strings.pendingSent : strings.sent);
  }

  function sendVote(voteForm) {
    var id = Number(voteForm.elements.message.value);
    say(alertBox, "");
    if (!send({ type: "vote", id: id })) return;
    lastVote = voteForm;
    var button = voteForm.querySelector("button");
    button.disabled = true;
    say(button, strings.voted);
  }

  function unmarkVote(voteForm) {
    var button = voteForm.querySelector("button");
    button.disabled = false;
    say(button, strings.vote);
    lastVote = null;
  }

  function moderate(button) {
    var item = button.closest("[data-id]");
    var entry = item && messages.get(Number(item.dataset.id));
    if (!entry) return;
    var data = entry.data;
    var action = button.dataset.action;
    var frame = { type: action, id: data.id, value: true };
    if (action === "hide") frame.value = data.state !== "hidden";
    if (action === "pin") frame.value = !data.pinned;
    if (action === "mute") frame.value = !mutedIds.has(data.id);
    if (action === "answer") frame.text = field(item, "answer-input").value.trim();
    if (action === "unanswer") { frame.type = "answer"; frame.value = false; }
    say(alertBox, "");
    send(frame);
  }

  room.addEventListener("submit", function (event) {
    if (!joined) return; // not connected: the plain form posts, as without JavaScript
    if (event.target.matches("[data-chat-form]")) {
      event.preventDefault();
      sendPost(event.target);
    } else if (event.target.matches("[data-chat-vote]")) {
      event.preventDefault();
      sendVote(event.target);
    }
  });

  room.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (button && joined && moderator) moderate(button);
  });

  seed();
  connect();
})();
