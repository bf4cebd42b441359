// Reads the public JSON endpoints. Paths are relative ("api/runs", never "/api/runs") so the page works under a
// path prefix (Prebias:PathBase).

/** GET a JSON document; throws on network errors and on statuses other than 2xx. */
export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${response.statusText}`);
  return response.json();
}

/**
 * GET a JSON document that may not exist yet: null when the endpoint answers 404 or 409 (not evaluated, not
 * deployed) or returns an empty list. Other failures still throw.
 */
export async function getOptional(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (response.status === 404 || response.status === 409) return null;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${response.statusText}`);
  const data = await response.json();
  return Array.isArray(data) && data.length === 0 ? null : data;
}

/** Memoises per-checkpoint documents (they never change once written); failures and "not yet" (null) are not cached. */
export class Cache {
  #entries = new Map();

  get(key, load) {
    if (!this.#entries.has(key)) {
      const promise = load().then(
        value => {
          if (value === null) this.#entries.delete(key);
          return value;
        },
        error => {
          this.#entries.delete(key);
          throw error;
        },
      );
      this.#entries.set(key, promise);
    }
    return this.#entries.get(key);
  }

  clear() {
    this.#entries.clear();
  }
}
