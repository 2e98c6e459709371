import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ApiProvider } from './api/ApiContext';
import { createApi } from './api/client';
import { InFlight } from './api/inFlight';
import { Notices } from './api/notices';
import { CsvExportsProvider } from './matrix/csvExports';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');
const inFlight = new InFlight();
const notices = new Notices();
createRoot(root).render(
  <StrictMode>
    <ApiProvider api={createApi(inFlight, notices)} inFlight={inFlight} notices={notices}>
      <CsvExportsProvider>
        <App />
      </CsvExportsProvider>
    </ApiProvider>
  </StrictMode>,
);
