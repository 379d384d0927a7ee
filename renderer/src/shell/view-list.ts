/** The studio's views in navigation order, with their labels and `g`-sequence keys (one table, in shared/). */
export { STUDIO_VIEWS as VIEWS, type StudioViewEntry as ViewEntry } from '@shared/contract';
