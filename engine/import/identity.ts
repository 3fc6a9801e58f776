/**
 * One person under several names. Meta's webhooks name a user by phone number (`wa_id`, `from`,
 * `recipient_id`), by business-scoped user ID (`user_id`, `from_user_id`, `recipient_user_id`) and
 * by parent BSUID (`parent_user_id`…); since usernames (2026) the number is often omitted. Every name
 * given together — in one status, one message, one call or one `contacts[]` entry — belongs to the
 * same person: a union-find over the names joins them, and each event names its person the one way
 * the engine keys windows on: the number when any webhook gave one, else the BSUID, else the parent
 * BSUID (the first seen of that kind).
 */

/** 0: a number (`+…`), 1: a BSUID, 2: a parent BSUID (`CC.ENT.…`). */
function rank(id: string): number {
  if (id.charCodeAt(0) === 43 /* + */) return 0;
  return id.charCodeAt(2) === 46 && id.startsWith('ENT.', 3) ? 2 : 1;
}

export class UserJoin {
  private readonly up = new Map<string, string>();

  /** Adds a name (no-op when known). */
  add(id: string): void {
    if (!this.up.has(id)) this.up.set(id, id);
  }

  /** The representative of a name's set. */
  private find(id: string): string {
    let root = id;
    for (let next = this.up.get(root); next !== undefined && next !== root; next = this.up.get(root))
      root = next;
    // Path compression.
    let x = id;
    while (x !== root) {
      const next = this.up.get(x)!;
      this.up.set(x, root);
      x = next;
    }
    return root;
  }

  /** Records that two names are the same person. */
  union(a: string, b: string): void {
    this.add(a);
    this.add(b);
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.up.set(rb, ra);
  }

  /** name → the person's user string (number, else BSUID, else parent BSUID; first seen of a kind). */
  resolver(): (id: string) => string {
    const best = new Map<string, string>();
    for (const id of this.up.keys()) {
      const root = this.find(id);
      const b = best.get(root);
      if (b === undefined || rank(id) < rank(b)) best.set(root, id);
    }
    return (id) => (this.up.has(id) ? best.get(this.find(id))! : id);
  }
}
