/**
 * A modal confirmation built on <dialog>: Escape cancels, Enter confirms, focus starts on the safe
 * choice. `extra` holds optional controls (e.g. "also delete the files").
 */
import type { ReactNode } from 'react';
import { Button } from './Button';
import { useModalDialog } from './use-modal-dialog';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel?: string;
  /** The safe choice's label. Default 'Cancel' (say what it keeps when the action itself is a cancel). */
  cancelLabel?: string;
  /** Default 'primary'; 'danger' for destructive actions. */
  tone?: 'primary' | 'danger';
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel = 'Confirm',
  cancelLabel = 'Cancel',
  tone = 'primary',
  busy,
  onConfirm,
  onCancel,
  testId,
}: ConfirmDialogProps) {
  const ref = useModalDialog(open);
  return (
    <dialog
      ref={ref}
      className="dialog"
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2>{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <Button variant="ghost" onClick={onCancel} autoFocus>
          {cancelLabel}
        </Button>
        <Button variant={tone} busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
