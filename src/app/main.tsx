/**
 * The browser entry: starts the engine worker, installs the e2e test hook when asked
 * (?e2e in the URL) and renders the app.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./components/App.js";
import { engine } from "./engine-client.js";
import { installTestHook, testHookEnabled } from "./lib/test-hook.js";
import "./styles.css";

const client = engine();
if (testHookEnabled()) installTestHook(client);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
