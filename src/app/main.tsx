/**
 * The browser entry: starts the engine worker, installs the e2e test hook when asked
 * (?e2e in the URL) and renders the app.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./components/App.js";
import { engine } from "./engine-client.js";
import { installTestHook, testHookEnabled } from "./lib/test-hook.js";
import { restoreUserScenarios } from "./lib/user-scenarios.js";
import { registerServiceWorker } from "./lib/register-sw.js";
import "./styles.css";

const client = engine();
// scenarios opened from files earlier, before any session starts (resume after a reload)
restoreUserScenarios(client);
if (testHookEnabled()) installTestHook(client);

registerServiceWorker();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
