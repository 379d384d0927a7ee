/**
 * The composer shows a field's error only once that part of the form was touched or Start pressed, and
 * lists every issue (all of them, by name) in the summary; editing a value touches its part of the form.
 */
import { describe, expect, it, vi } from 'vitest';
import { EMPTY_FORM } from '../../../renderer/src/stores/composer-form';
import {
  fieldLabel,
  listIssues,
  SECTION_OF_KEY,
  sectionOf,
  shownIssues,
} from '../../../renderer/src/stores/composer-issues';
import { useComposer } from '../../../renderer/src/stores/composer-store';

vi.mock('../../../renderer/src/api/studio-api', () => ({ studio: {} }));

const issues = [
  { field: 'prompts', message: 'write at least one prompt' },
  { field: 'inputs.paths', message: 'add a folder or image path' },
  { field: 'prompts[2]', message: "unclosed '{' at column 8" },
];

describe('which errors show', () => {
  it('shows nothing in red on an untouched form, only the touched sections, and all after Start', () => {
    expect(shownIssues(issues, {}, false)).toEqual([]);
    expect(shownIssues(issues, { prompts: true }, false).map((i) => i.field)).toEqual([
      'prompts',
      'prompts[2]',
    ]);
    expect(shownIssues(issues, {}, true)).toHaveLength(3);
  });

  it('lists every issue, in the order of the form, each with its section', () => {
    expect(listIssues(issues)).toBe(
      "Inputs — add a folder or image path; Prompts — write at least one prompt; Prompts — unclosed '{' at column 8",
    );
    expect(fieldLabel('sweepSeed')).toBe('Seeds');
    expect(sectionOf('palettes[1].members')).toBe('palettes');
    expect(sectionOf('mystery')).toBe('other');
  });

  it('maps every form value to a section (or to none)', () => {
    for (const key of Object.keys(EMPTY_FORM)) expect(SECTION_OF_KEY).toHaveProperty(key);
  });
});

describe('the composer store marks what was touched', () => {
  it('editing a value touches its section; Start reveals all; reset forgets', () => {
    useComposer.getState().reset();
    useComposer.getState().set('promptsText', 'a cat');
    useComposer.getState().addPaths(['/photos']);
    expect(useComposer.getState().touched).toEqual({ prompts: true, inputs: true });
    useComposer.getState().touch('seeds');
    expect(useComposer.getState().touched.seeds).toBe(true);
    expect(useComposer.getState().revealAll).toBe(false);
    useComposer.getState().revealIssues();
    expect(useComposer.getState().revealAll).toBe(true);
    useComposer.getState().reset();
    expect(useComposer.getState()).toMatchObject({ touched: {}, revealAll: false });
  });
});
