// The backend's HTTP contract (see /api/openapi.json): bearer token on every call, problem+json errors, and the
// polling contract (202 + Retry-After + Location until the upload is terminal).

const TOKEN_KEY = 'media.session';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code;
  }
}

export class Api {
  constructor(base = '/api') {
    this.base = base;
    const saved = JSON.parse(sessionStorage.getItem(TOKEN_KEY) || 'null');
    this.session = saved && Date.parse(saved.expiresAt) > Date.now() ? saved : null;
  }

  get signedIn() {
    return this.session !== null;
  }

  /** Local runtime only: a development token for the tenant. */
  async signIn(tenantId) {
    const response = await fetch(`${this.base}/dev/token`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ tenantId }),
    });
    if (!response.ok) {
      throw await toError(response);
    }
    this.session = await response.json();
    sessionStorage.setItem(TOKEN_KEY, JSON.stringify(this.session));
    return this.session;
  }

  /** A token from elsewhere (a deployed API's identity provider); its claims are read for display only. */
  useToken(token) {
    const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    this.session = { token, tenantId: claims.tid ?? claims.sub ?? 'unknown', expiresAt: new Date(claims.exp * 1000).toISOString() };
    sessionStorage.setItem(TOKEN_KEY, JSON.stringify(this.session));
    return this.session;
  }

  signOut() {
    this.session = null;
    sessionStorage.removeItem(TOKEN_KEY);
  }

  /** POSTs a file as the body itself (a caption track), not wrapped in JSON or a form. */
  async sendFile(path, file, contentType) {
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.session.token}`, Accept: 'application/json', 'Content-Type': contentType },
      body: file,
    });
    if (!response.ok) {
      throw await toError(response);
    }
    return response.json();
  }

  async request(path, { method = 'GET', body, accept = 'application/json', headers = {} } = {}) {
    const response = await fetch(path.startsWith('http') ? path : `${this.base}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.session.token}`, Accept: accept,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok && response.status !== 202) {
      throw await toError(response);
    }
    return response;
  }

  async json(path, options) {
    const response = await this.request(path, options);
    return response.status === 204 ? null : response.json();
  }

  /**
   * Edits the upload's title and tags from the revision just read (its ETag, when the API's origin exposes it), so
   * an edit made meanwhile elsewhere is refused (412) rather than overwritten.
   */
  async editDetails(uploadId, changes) {
    const read = await this.request(`/uploads/${uploadId}`);
    const etag = read.headers.get('ETag');
    return this.json(`/uploads/${uploadId}`, {
      method: 'PATCH', body: changes, headers: etag ? { 'If-Match': etag } : {},
    });
  }

  createUpload(file, contentType) {
    return this.json('/uploads', { method: 'POST', body: { fileName: file.name, contentType, sizeBytes: file.size } });
  }

  /** The service fetches the file itself; the answer is 202 with the status URL. */
  importFromUrl(sourceUrl, contentType) {
    return this.json('/uploads', { method: 'POST', body: { sourceUrl, contentType } });
  }

  /** Polls the status URL, honouring Retry-After, until the upload is terminal; onStatus sees every answer. */
  async follow(statusUrl, onStatus) {
    for (;;) {
      const response = await this.request(statusUrl);
      const upload = await response.json();
      onStatus(upload);
      if (response.status === 200) {
        return upload;
      }
      const seconds = Number(response.headers.get('Retry-After')) || 2;
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  }
}

async function toError(response) {
  let problem = null;
  try {
    problem = await response.json();
  } catch {
    // Not problem+json: the status says enough.
  }
  return new ApiError(response.status, problem);
}
