/**
 * History: every batch, newest first, with thumbnails and counts; full-text search over prompts
 * (history:search, FTS5 in main) with the matched words highlighted; filters by status, style and date;
 * open, duplicate into the composer, delete. The list and the search come from the batches store.
 */

import { STYLE_TYPES } from '@shared/catalogue';
import type { BatchView, HistoryHit } from '@shared/contract';
import { BATCH_STATES } from '@shared/scheduling';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { errorText } from '../../components/error-text';
import { Loading, Spinner } from '../../components/Spinner';
import { isTypingTarget, registerShortcuts } from '../../shell/shortcut-registry';
import { useBatches } from '../../stores/batches-store';
import { useNav } from '../../stores/nav-store';
import { titleCase } from '../composer/palette-presets';
import { BatchCard } from './BatchCard';
import { DeleteBatchDialog } from './DeleteBatchDialog';
import { type HistoryFilters, isFiltering, matchesFilters, NO_FILTERS } from './history-filters';
import './history.css';

/** Debounce for the search box. Default 250 ms. */
const SEARCH_DEBOUNCE_MS = 250;

type SearchState =
  | { status: 'off' }
  | { status: 'searching' }
  | { status: 'done'; hits: HistoryHit[] }
  | { status: 'error'; message: string };

function useSearch(text: string): SearchState {
  const [state, setState] = useState<SearchState>({ status: 'off' });
  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setState({ status: 'off' });
      return;
    }
    let live = true;
    setState({ status: 'searching' });
    const timer = setTimeout(() => {
      useBatches
        .getState()
        .searchPrompts(q)
        .then((hits) => live && setState({ status: 'done', hits }))
        .catch((error) => live && setState({ status: 'error', message: errorText(error) }));
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  return state;
}

export function HistoryView() {
  const state = useBatches((s) => s.list);
  useEffect(() => useBatches.getState().start(), []);
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<HistoryFilters>(NO_FILTERS);
  const [deleting, setDeleting] = useState<BatchView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const search = useSearch(query);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !isTypingTarget(e.target) && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    const off = registerShortcuts('History', [
      { keys: ['/'], what: 'Search prompts' },
      { keys: ['Esc'], what: 'Clear the search (in the search box)' },
    ]);
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
    };
  }, []);

  const hitsByBatch = useMemo(() => {
    const map = new Map<string, HistoryHit[]>();
    if (search.status === 'done')
      for (const h of search.hits) map.set(h.batchId, [...(map.get(h.batchId) ?? []), h]);
    return map;
  }, [search]);

  const visible = useMemo(() => {
    if (state.status !== 'ready') return [];
    const now = Date.now();
    return state.batches
      .filter((b) => matchesFilters(b, filters, now))
      .filter((b) => search.status !== 'done' || hitsByBatch.has(b.id))
      .sort((a, b) => b.createdAt - a.createdAt);
  }, [state, filters, search.status, hitsByBatch]);

  const filtered = isFiltering(filters) || query.trim() !== '';

  return (
    <div className="history" data-testid="history">
      <div className="toolbar">
        <div className="search-box">
          <input
            ref={searchRef}
            type="search"
            className="input"
            placeholder="Search prompts…   ( / )"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Escape') return;
              setQuery('');
              e.currentTarget.blur();
            }}
            aria-label="Search prompts"
            data-testid="history-search"
          />
          {search.status === 'searching' && <Spinner size={14} />}
        </div>
        <select
          className="input select"
          value={filters.state}
          onChange={(e) => setFilters({ ...filters, state: e.target.value as HistoryFilters['state'] })}
          aria-label="Filter by status"
        >
          <option value="any">Any status</option>
          {BATCH_STATES.filter((s) => s !== 'draft').map((s) => (
            <option key={s} value={s}>
              {titleCase(s.toUpperCase())}
            </option>
          ))}
        </select>
        <select
          className="input select"
          value={filters.style}
          onChange={(e) => setFilters({ ...filters, style: e.target.value as HistoryFilters['style'] })}
          aria-label="Filter by style"
        >
          <option value="any">Any style</option>
          {STYLE_TYPES.map((s) => (
            <option key={s} value={s}>
              {titleCase(s)}
            </option>
          ))}
        </select>
        <select
          className="input select"
          value={filters.days}
          onChange={(e) => setFilters({ ...filters, days: Number(e.target.value) })}
          aria-label="Filter by date"
        >
          <option value={0}>Any time</option>
          <option value={1}>Last 24 hours</option>
          <option value={7}>Last 7 days</option>
          <option value={30}>Last 30 days</option>
        </select>
        <label className="check small" title="Only batches where you picked at least one result (P)">
          <input
            type="checkbox"
            checked={filters.withPicks}
            onChange={(e) => setFilters({ ...filters, withPicks: e.target.checked })}
            data-testid="history-with-picks"
          />
          Has picks
        </label>
        {filtered && (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setQuery('');
              setFilters(NO_FILTERS);
            }}
          >
            Clear
          </Button>
        )}
        <div className="topbar-spacer" />
        <span className="muted small" data-testid="click-hint">
          Click a batch to open it in the grid
        </span>
        {state.status === 'ready' && (
          <span className="muted small" data-testid="history-count">
            {visible.length} of {state.batches.length} batches
          </span>
        )}
      </div>
      {notice && (
        <div className="note-bar" role="status">
          {notice}
          <Button size="sm" variant="ghost" onClick={() => setNotice(null)}>
            Dismiss
          </Button>
        </div>
      )}
      {search.status === 'error' && <p className="error small">Search failed: {search.message}</p>}
      {state.status === 'loading' && <Loading text="Loading batches…" />}
      {state.status === 'error' && (
        <EmptyState
          tone="error"
          title="Could not load the batches"
          action={<Button onClick={() => void useBatches.getState().reload()}>Try again</Button>}
        >
          {state.message}
        </EmptyState>
      )}
      {state.status === 'ready' && state.batches.length === 0 && (
        <EmptyState
          icon="◎"
          title="No batches yet"
          action={
            <Button variant="primary" onClick={() => useNav.getState().go('composer')}>
              Compose a sweep
            </Button>
          }
        >
          Every sweep you start shows up here, with its thumbnails, and stays searchable by prompt.
        </EmptyState>
      )}
      {state.status === 'ready' && state.batches.length > 0 && visible.length === 0 && (
        <EmptyState title="Nothing matches">
          {query.trim() ? `No prompt matches “${query.trim()}”` : 'No batch matches these filters'}.
        </EmptyState>
      )}
      <div className="batch-grid">
        {visible.map((b) => (
          <BatchCard key={b.id} batch={b} hits={hitsByBatch.get(b.id) ?? []} onDelete={setDeleting} />
        ))}
      </div>
      <DeleteBatchDialog
        key={deleting?.id ?? 'none'}
        batch={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(message) => {
          setDeleting(null);
          setNotice(message);
        }}
      />
    </div>
  );
}
