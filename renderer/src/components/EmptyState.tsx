/** What a panel shows when there is nothing (yet) or something went wrong: a title, a line, an action. */
import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  /** 'error' tints the panel red and announces it. Default 'empty'. */
  tone?: 'empty' | 'error';
  icon?: string;
}

export function EmptyState({ title, children, action, tone = 'empty', icon }: EmptyStateProps) {
  return (
    <div className={`empty-state empty-${tone}`} role={tone === 'error' ? 'alert' : undefined}>
      {icon && (
        <div className="empty-icon" aria-hidden>
          {icon}
        </div>
      )}
      <h3>{title}</h3>
      {children && <div className="empty-body">{children}</div>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}
