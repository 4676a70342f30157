// TabRelay admin page: polls the admin API and renders it. Plain DOM, no framework, no build step.
// Every value from the server goes in through textContent, never innerHTML: prompts may contain markup.
'use strict';

const POLL_MS = 1500;
const FIELDS = ['port', 'requestTimeoutMs', 'newRequestBehavior', 'maxQueueLength', 'historyLimit', 'recordMessageText'];
const $ = (id) => document.getElementById(id);

let formDirty = false;     // the user is editing: polls must not overwrite the form
let formLoaded = false;
let restarting = false;

async function getJson(path) {
  const res = await fetch(path, { cache: 'no-store' });
  if (!res.ok) throw new Error(path + ': HTTP ' + res.status);
  return res.json();
}

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const td = document.createElement('td');
    if (cell instanceof Node) td.appendChild(cell); else td.textContent = cell == null ? '' : String(cell);
    tr.appendChild(td);
  }
  return tr;
}

function fillTable(id, emptyId, rows) {
  const body = $(id).querySelector('tbody');
  body.replaceChildren(...rows);
  $(id).hidden = rows.length === 0;
  $(emptyId).hidden = rows.length !== 0;
}

function duration(ms) {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
  if (d) return d + 'd ' + h + 'h';
  if (h) return h + 'h ' + m + 'm';
  if (m) return m + 'm ' + (s % 60) + 's';
  return s + 's';
}

function time(ms) {
  return new Date(ms).toLocaleTimeString([], { hour12: false });
}

function tag(text, kind) {
  return el('span', text, 'tag' + (kind ? ' ' + kind : ''));
}

function renderStatus(info, fresh) {
  $('live').textContent = 'live';
  $('live').className = 'pill pill-ok';
  $('version').textContent = 'v' + info.version;
  $('stat-listening').textContent = info.host + ':' + info.port;
  $('stat-extensions').textContent = info.connectedExtensionsCount;
  $('stat-tabs').textContent = info.tabsCount;
  $('stat-active').textContent = info.activeRequests;
  $('stat-queue').textContent = info.queueLength + ' / ' + info.maxQueueLength;
  $('stat-uptime').textContent = duration(info.uptimeMs);
  $('restart-banner').hidden = !info.restartRequired;
  $('restart-port').textContent = info.configuredPort;
  $('settings-file').textContent = info.settingsFile;

  const tabRows = [];
  for (const ext of info.extensions) {
    const tabs = ext.tabs.length ? ext.tabs : [{ tabId: ext.defaultTabId, url: null, busy: false }];
    for (const t of tabs) {
      tabRows.push(row([el('code', ext.sessionId), (ext.clientType || '?') + (ext.version ? ' ' + ext.version : ''),
        t.tabId || '–', el('span', t.url || ''), t.busy ? tag('busy', 'warn') : tag('idle', 'ok')]));
    }
  }
  fillTable('tabs-table', 'tabs-empty', tabRows);
  fillTable('sessions-table', 'sessions-empty', info.sessions.map((s) => row([s.tabId, el('code', s.sessionId),
    (s.apiPort ?? '–') + ' / ' + (s.socketPort ?? '–'), s.busy ? tag('busy', 'warn') : tag('idle', 'ok')])));

  if (fresh && (!formLoaded || !formDirty)) fillForm(info);
}

function fillForm(info) {
  $('port').value = info.configuredPort;
  $('requestTimeoutMs').value = info.requestTimeoutMs;
  $('newRequestBehavior').value = info.newRequestBehavior;
  $('maxQueueLength').value = info.maxQueueLength;
  $('historyLimit').value = info.historyLimit;
  $('recordMessageText').checked = info.recordMessageText;
  formLoaded = true;
  formDirty = false;
  clearFieldErrors();
}

const KIND = {
  CHAT_REQUEST_COMPLETED: 'ok', CHAT_REQUEST_ERROR: 'bad', CHAT_REQUEST_TIMEOUT: 'bad', CHAT_REQUEST_DROPPED: 'warn',
  CHAT_REQUEST_CANCELLED: 'warn', EXTENSION_DISCONNECTED: 'warn', SERVER_RESTART: 'warn',
};

function renderHistory(history) {
  $('history-info').textContent = history.size + ' of at most ' + history.capacity + ' kept'
    + (history.recordMessageText ? ', with message text' : ', without message text');
  fillTable('history-table', 'history-empty', history.data.map((e) => {
    const detail = el('div');
    detail.appendChild(el('span', e.detail || ''));
    if (e.prompt != null) detail.appendChild(el('div', 'prompt: ' + e.prompt, 'text'));
    if (e.answer != null) detail.appendChild(el('div', 'answer: ' + e.answer, 'text'));
    const r = row([time(e.time), tag(e.type.replace(/^CHAT_REQUEST_/, '').toLowerCase().replace(/_/g, ' '), KIND[e.type]),
      e.requestId ? el('code', e.requestId.slice(0, 18)) : '', e.tabId, e.model,
      e.status, e.durationMs == null ? '' : e.durationMs + ' ms', detail]);
    r.lastChild.className = 'wrap';
    return r;
  }));
}

// Bumped by every save: a poll that started before a save must not put the old values back in the form.
let settingsGeneration = 0;

async function poll() {
  const generation = settingsGeneration;
  try {
    const [info, history] = await Promise.all([getJson('/v1/admin/server-info'), getJson('/v1/admin/message-history?limit=50')]);
    renderStatus(info, generation === settingsGeneration);
    renderHistory(history);
  } catch (e) {
    if (!restarting) {
      $('live').textContent = 'offline';
      $('live').className = 'pill pill-bad';
    }
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

function clearFieldErrors() {
  for (const node of document.querySelectorAll('form .error')) node.textContent = '';
  for (const node of document.querySelectorAll('form .invalid')) node.classList.remove('invalid');
}

function showMessage(text, ok) {
  $('settings-message').textContent = text;
  $('settings-message').className = 'message ' + (ok ? 'ok' : 'bad');
}

/** Checks the inputs the browser can check; the server validates again and has the last word. */
function readForm() {
  const values = {};
  let valid = true;
  for (const name of FIELDS) {
    const input = $(name);
    if (input.type === 'checkbox') { values[name] = input.checked; continue; }
    if (input.tagName === 'SELECT') { values[name] = input.value; continue; }
    const text = input.value.trim();
    const n = Number(text);
    if (text === '' || !Number.isInteger(n) || n < Number(input.min) || n > Number(input.max)) {
      fieldError(name, name + ' must be a whole number from ' + input.min + ' to ' + input.max);
      valid = false;
    } else {
      values[name] = n;
    }
  }
  return valid ? values : null;
}

function fieldError(name, text) {
  const slot = document.querySelector('form .error[data-for="' + name + '"]');
  if (slot) slot.textContent = text;
  if ($(name)) $(name).classList.add('invalid');
}

async function save(event) {
  event.preventDefault();
  clearFieldErrors();
  const values = readForm();
  if (!values) { showMessage('Please fix the marked fields.', false); return; }
  $('save').disabled = true;
  settingsGeneration++;
  try {
    const res = await fetch('/v1/admin/update-settings', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(values),
    });
    const body = await res.json();
    if (!res.ok) {
      const message = body.error ? body.error.message : 'HTTP ' + res.status;
      // Reasons are "field ...; field ...": put each under its field.
      for (const reason of message.split('; ')) {
        const field = FIELDS.find((f) => reason.startsWith(f + ' '));
        if (field) fieldError(field, reason);
      }
      showMessage('Not saved: ' + message, false);
      return;
    }
    formDirty = false;
    settingsGeneration++;
    fillForm(Object.assign({ configuredPort: body.settings.port }, body.settings));
    showMessage(body.message, true);
  } catch (e) {
    showMessage('Not saved: ' + e.message, false);
  } finally {
    $('save').disabled = false;
  }
}

async function restart() {
  if (!confirm('Restart the server? Requests in flight fail and extensions reconnect.')) return;
  restarting = true;
  $('restart').disabled = true;
  $('live').textContent = 'restarting…';
  $('live').className = 'pill pill-wait';
  try {
    const res = await fetch('/v1/admin/restart-server', { method: 'POST' });
    const body = await res.json();
    if (!res.ok) { showMessage('Restart refused: ' + body.error.message, false); restarting = false; return; }
    const port = body.port;
    if (port && String(port) !== (location.port || '80')) {
      // The page lives on the old port: follow the server once the new one answers.
      const target = location.protocol + '//' + location.hostname + ':' + port + '/admin';
      showMessage('Restarting on port ' + port + '…', true);
      setTimeout(() => { location.href = target; }, 1500);
    } else {
      showMessage('Restarting…', true);
      setTimeout(() => { restarting = false; $('restart').disabled = false; }, 1500);
    }
  } catch (e) {
    showMessage('Restart failed: ' + e.message, false);
    restarting = false;
    $('restart').disabled = false;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('settings-form').addEventListener('submit', save);
  $('settings-form').addEventListener('input', () => { formDirty = true; });
  $('settings-form').addEventListener('change', () => { formDirty = true; });
  $('reset').addEventListener('click', () => { formDirty = false; formLoaded = false; showMessage('', true); });
  $('restart').addEventListener('click', restart);
  poll();
});
