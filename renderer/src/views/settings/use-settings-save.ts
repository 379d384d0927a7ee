/**
 * The save cycle every Settings card shares: one settings patch at a time, busy while it is in
 * flight, the error main gave, and whether the last save went through (cleared when the form changes).
 */
import { useState } from 'react';
import { errorText } from '../../components/error-text';
import { type SettingsPatch, useApp } from '../../stores/app-store';

export function useSettingsSave() {
  const updateSettings = useApp((s) => s.updateSettings);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async (patch: SettingsPatch) => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await updateSettings(patch);
      setSaved(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, saved, save, markEdited: () => setSaved(false) };
}
