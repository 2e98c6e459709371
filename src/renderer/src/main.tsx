import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ApiProvider } from './api/ApiContext';
import { createApi } from './api/client';
import { InFlight } from './api/inFlight';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');
const inFlight = new InFlight();
createRoot(root).render(
  <StrictMode>
    <ApiProvider api={createApi(inFlight)} inFlight={inFlight}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
