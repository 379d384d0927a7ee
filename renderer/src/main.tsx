/**
 * Renderer entry: mounts the app. The global styles load first so the shell's and every view's own
 * stylesheet (each imported beside its component) comes after them and may refine them.
 */
import './global.css';
import './components/components.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
