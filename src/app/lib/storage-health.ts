/**
 * Saving progress can fail (the browser's storage for this site is full, or refused): the
 * persisted stores write through this guarded storage, which keeps what was saved before
 * untouched, records the failure for the warning banner (StorageWarning) instead of throwing
 * into the store update, and clears it once a write succeeds again.
 */
import { createStore } from "zustand/vanilla";
import { createJSONStorage, type StateStorage } from "zustand/middleware";

export interface StorageHealth {
  /** why the last write failed: the quota is full, or storage refused it */
  failing?: "full" | "refused";
}

export const storageHealth = createStore<StorageHealth>()(() => ({}));

const guarded: StateStorage = {
  getItem: (key) => localStorage.getItem(key),
  setItem: (key, value) => {
    try {
      localStorage.setItem(key, value);
      if (storageHealth.getState().failing) storageHealth.setState({ failing: undefined });
    } catch (e) {
      storageHealth.setState({ failing: e instanceof DOMException && e.name === "QuotaExceededError" ? "full" : "refused" });
    }
  },
  removeItem: (key) => localStorage.removeItem(key),
};

/** JSON storage for a persisted store, through the guard above. */
export function guardedJsonStorage<S>() {
  return createJSONStorage<S>(() => guarded);
}
