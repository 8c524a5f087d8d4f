// Toolbar popup: per-site switch, global default, the writer's English and how many
// suggestions (switched live), this page's issue count, model status.
import { api } from './api.js';
import { loadSettings, saveSettings, siteEnabled } from './settings.js';
import { bindChoices } from './choices.js';
import { FAULT, MODEL, MSG, STAGE } from '../../web/protocol.js';

const $ = (id) => document.getElementById(id);
const FAULTS = {
  [FAULT.crash]: 'the checker crashed and was restarted',
  [FAULT.stalled]: 'the checker stopped answering and was restarted',
  [FAULT.workerError]: 'the checker\'s worker failed and was restarted',
  [FAULT.offscreenClosed]: 'the model\'s document was closed and was opened again',
};
const STAGES = { [STAGE.starting]: 'starting', [STAGE.fetching]: 'reading model files', [STAGE.preparing]: 'preparing the model' };

async function main() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  let host = '';
  try {
    host = new URL(tab.url).hostname;
  } catch {}
  const settings = await loadSettings();
  $('host').textContent = host || 'this page';
  $('site').checked = siteEnabled(settings, host);
  $('site').disabled = !host;
  $('default').checked = settings.enabledByDefault;
  $('site').addEventListener('change', async (e) => {
    const s = await loadSettings();
    await saveSettings({ sites: { ...s.sites, [host]: e.target.checked } });
  });
  $('default').addEventListener('change', (e) => saveSettings({ enabledByDefault: e.target.checked }));
  bindChoices({ dialect: $('dialect'), level: $('level') }, settings);
  const refresh = async () => {
    const st = await api.runtime.sendMessage({ type: MSG.status, tabId: tab.id, warm: true });
    $('count').textContent = String(st.count);
    const model = $('model');
    model.className = st.model === MODEL.error ? 'error' : '';
    model.textContent = st.model === MODEL.ready ? `ready${st.loadMs ? ` (loaded in ${Math.round(st.loadMs)} ms)` : ''}`
      : st.model === MODEL.error ? `error: ${st.error}` : `loading: ${STAGES[st.stage] ?? STAGES[STAGE.starting]}…`;
    $('latency').textContent = st.lastCheckMs == null ? '–' : `${st.lastCheckMs.toFixed(1)} ms`;
    const last = st.faults?.at(-1);
    $('faults').className = last ? 'error' : '';
    $('faults').textContent = last
      ? `${FAULTS[last.kind] ?? last.kind} at ${new Date(last.at).toLocaleTimeString()} (${st.faults.length} in all): ${last.message}`
      : 'nothing';
  };
  await refresh();
  setInterval(refresh, 500);
}

main();
