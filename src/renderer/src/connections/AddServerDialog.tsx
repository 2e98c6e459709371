import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import type { ConnectionInfo } from '../../../shared/api/contract';
import { parseConnectionUrl, sslModes, type SslMode } from '../../../shared/connections/params';
import { useCache } from '../api/ApiContext';
import { ApiCallError, errorMessage } from '../api/client';
import { useQuery } from '../api/useQuery';
import { Modal } from '../layout/Modal';
import { initialValues, isFieldName, readParams, type FieldErrors, type FormValues } from './connectionForm';
import { Field } from './Field';

/**
 * Adds a server: from a postgres:// URL or field by field, tested before or on adding.
 * The password lives only in this component's state, which goes away when it closes.
 */
export function AddServerDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (c: ConnectionInfo) => void }) {
  const cache = useCache();
  const appInfo = useQuery('app.info', {});
  const [values, setValues] = useState<FormValues>(initialValues);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [tested, setTested] = useState<string | null>(null);
  const [busy, setBusy] = useState<'test' | 'add' | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (focusTick > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusTick]);

  const change = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
    setTested(null);
    setFormError(null);
  };

  const changeUrl = (text: string) => {
    const parsed = parseConnectionUrl(text);
    if (!parsed.ok) {
      change('url', text);
      return;
    }
    const p = parsed.params;
    setValues((v) => ({
      ...v,
      url: text,
      host: p.host,
      port: String(p.port),
      user: p.user,
      password: p.password ?? '',
      database: p.database,
      sslmode: p.sslmode,
    }));
    setErrors({});
    setTested(null);
  };
  const checkUrl = () => {
    if (values.url.trim() === '') return;
    const parsed = parseConnectionUrl(values.url);
    if (!parsed.ok) setErrors((e) => ({ ...e, url: parsed.message }));
  };

  const showFailure = (err: unknown) => {
    if (err instanceof ApiCallError && isFieldName(err.field)) {
      const field = err.field;
      setErrors((e) => ({ ...e, [field]: err.message }));
      setFocusTick((t) => t + 1);
    } else setFormError(errorMessage(err));
  };

  const run = async (what: 'test' | 'add') => {
    setFormError(null);
    setTested(null);
    const read = readParams(values);
    if (!read.ok) {
      setErrors(read.errors);
      setFocusTick((t) => t + 1);
      return;
    }
    setErrors({});
    setBusy(what);
    try {
      if (what === 'test') {
        const result = await cache.api.invoke('connections.test', read.params);
        setTested(`Connected: PostgreSQL ${result.serverVersion}`);
      } else {
        const added = await cache.api.invoke('connections.add', { ...read.params, save: values.save });
        cache.invalidate(['connections.list']);
        onAdded(added);
        onClose();
      }
    } catch (err: unknown) {
      showFailure(err);
    } finally {
      setBusy(null);
    }
  };

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    void run('add');
  };
  const noPasswordStorage = appInfo.data?.passwordStorage === 'none';

  return (
    <Modal title="Add server" onClose={onClose}>
      <form ref={formRef} className="form" onSubmit={onSubmit} noValidate aria-busy={busy !== null}>
        {formError !== null && (
          <p role="alert" className="form-alert">
            {formError}
          </p>
        )}
        <Field label="Connection URL" error={errors.url} hint="Paste postgres://user:password@host:port/database to fill the fields below.">
          {(a) => (
            <input {...a} type="text" value={values.url} autoComplete="off" spellCheck={false} placeholder="postgres://…" onChange={(e) => changeUrl(e.target.value)} onBlur={checkUrl} />
          )}
        </Field>
        <div className="form-grid">
          <Field label="Host" error={errors.host} className="span-3">
            {(a) => <input {...a} type="text" value={values.host} autoComplete="off" spellCheck={false} onChange={(e) => change('host', e.target.value)} />}
          </Field>
          <Field label="Port" error={errors.port}>
            {(a) => <input {...a} type="text" inputMode="numeric" value={values.port} autoComplete="off" onChange={(e) => change('port', e.target.value)} />}
          </Field>
          <Field label="User" error={errors.user} className="span-2">
            {(a) => <input {...a} type="text" value={values.user} autoComplete="off" spellCheck={false} onChange={(e) => change('user', e.target.value)} />}
          </Field>
          <Field label="Password" error={errors.password} className="span-2">
            {(a) => <input {...a} type="password" value={values.password} autoComplete="off" onChange={(e) => change('password', e.target.value)} />}
          </Field>
          <Field label="Database" error={errors.database} className="span-2">
            {(a) => <input {...a} type="text" value={values.database} autoComplete="off" spellCheck={false} onChange={(e) => change('database', e.target.value)} />}
          </Field>
          <Field label="SSL mode" error={errors.sslmode} className="span-2">
            {(a) => (
              <select {...a} value={values.sslmode} onChange={(e) => change('sslmode', e.target.value as SslMode)}>
                {sslModes.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Name" error={errors.name} hint="Shown in the tree; defaults to user@host." className="span-4">
            {(a) => <input {...a} type="text" value={values.name} autoComplete="off" onChange={(e) => change('name', e.target.value)} />}
          </Field>
        </div>
        <label className="check-inline">
          <input type="checkbox" checked={values.save} onChange={(e) => change('save', e.target.checked)} />
          Remember this server
        </label>
        {noPasswordStorage && (
          <p className="field-hint">In browser mode the password is not stored: after a restart Warden asks for it again.</p>
        )}
        <p role="status" className="form-status">
          {busy === 'test' ? 'Testing…' : busy === 'add' ? 'Adding…' : (tested ?? '')}
        </p>
        <div className="form-actions">
          <button type="button" className="button" onClick={() => void run('test')} disabled={busy !== null}>
            Test connection
          </button>
          <span className="spacer" />
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy !== null}>
            Add
          </button>
        </div>
      </form>
    </Modal>
  );
}
