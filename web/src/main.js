import { Api } from './api.js';
import { entraConfigured, signInWithEntra } from './entra.js';
import { Library } from './library.js';
import { importFromUrl, uploadFile } from './upload.js';
import { Usage } from './usage.js';

// Same origin by default (the local runtime serves this page); a deployed build points at the Function App.
const api = new Api(import.meta.env.VITE_API_BASE_URL || '/api');
const $ = (id) => document.getElementById(id);
const showError = (message) => { $('app-error').textContent = message; };
const library = new Library(api, showError);
const usage = new Usage(api, showError);

function render() {
  $('sign-in').hidden = api.signedIn;
  $('app').hidden = !api.signedIn;
  $('who').textContent = api.signedIn ? `Signed in to ${api.session.tenantId}` : '';
}

function show(view) {
  for (const name of ['upload', 'library', 'usage']) {
    $(`view-${name}`).hidden = name !== view;
    document.querySelector(`[data-view="${name}"]`).setAttribute('aria-pressed', String(name === view));
  }
  showError('');
  if (view === 'library') library.load();
  if (view === 'usage') usage.load();
}

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    $('sign-in-error').textContent = '';
    await api.signIn($('tenant').value.trim());
    render();
    show('upload');
  } catch (error) {
    $('sign-in-error').textContent = error.message;
  }
});
// A deployed build signs in with Entra ID; the dev sign-in exists only in the local runtime.
$('entra').hidden = !entraConfigured;
$('sign-in-form').hidden = entraConfigured;
$('dev-hint').hidden = entraConfigured;
$('entra-sign-in').addEventListener('click', async () => {
  try {
    $('sign-in-error').textContent = '';
    api.useToken(await signInWithEntra());
    render();
    show('upload');
  } catch (error) {
    $('sign-in-error').textContent = `Sign-in failed: ${error.message}`;
  }
});
$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  try {
    $('sign-in-error').textContent = '';
    api.useToken($('token').value.trim());
    render();
    show('upload');
  } catch {
    $('sign-in-error').textContent = 'That is not a JWT access token.';
  }
});
$('sign-out').addEventListener('click', () => { api.signOut(); render(); });
document.querySelectorAll('[data-view]').forEach((b) => b.addEventListener('click', () => show(b.dataset.view)));

function send(files) {
  for (const file of files) {
    uploadFile(api, file, $('transfers'), () => {});
  }
}
$('files').addEventListener('change', (event) => { send(event.target.files); event.target.value = ''; });
$('import-form').addEventListener('submit', (event) => {
  event.preventDefault();
  importFromUrl(api, $('import-url').value, $('import-type').value, $('transfers'), () => {});
  $('import-url').value = '';
});
const drop = $('drop');
drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  send(event.dataTransfer.files);
});

render();
