// The Studio fields an export writes when the `.script` file does not say:
// the exporter uses them, and the importer leaves out every field equal to
// them, so the `studio { … }` block of an imported script holds only what the
// script's own text cannot give back.
import type { MediaType } from '../contract/script-graph.js';
import { LIBRARY_IDS, MEDIA_TYPE_NAMES, MEDIA_TYPE_NUMBERS } from './catalog.js';
import type { Point } from './layout.js';

/** The value .NET writes for a date that was never set; both observed exports carry it. */
export const UNSET_DATE = '0001-01-01T00:00:00';

export interface ScriptDefaults {
  name: string;
  mediaType: MediaType;
  /** The highest action id of the export. */
  maxId: number;
}

export function scriptFieldDefault(field: string, s: ScriptDefaults): string | undefined {
  switch (field) {
    case 'Name':
    case 'Alias':
    case 'Path':
      return s.name;
    case 'MediaType':
      return String(MEDIA_TYPE_NUMBERS[s.mediaType]);
    case 'MediaTypeName':
      return MEDIA_TYPE_NAMES[s.mediaType];
    case 'BusNo':
      return '0';
    case 'NextActionId':
      return String(s.maxId + 1);
    case 'PurposeType':
      return 'General';
    case 'VariableRedaction':
      return '';
    case 'CreateDate':
    case 'ModifyDate':
    case 'ScriptModifyDate':
      return UNSET_DATE;
    default:
      return undefined;
  }
}

export interface ActionDefaults {
  type: string;
  /** Position of the action in the `.script` file. */
  index: number;
  at: Point;
}

/** `fields` are the action's own fields, for those whose default is another field (XWS is X). */
export function actionFieldDefault(field: string, a: ActionDefaults, fields: ReadonlyMap<string, string>): string | undefined {
  switch (field) {
    case 'X':
      return String(a.at.x);
    case 'Y':
      return String(a.at.y);
    case 'XWS':
      return fields.get('X') ?? String(a.at.x);
    case 'YWS':
      return fields.get('Y') ?? String(a.at.y);
    case 'DependencyOrder':
      return String(a.index);
    case 'ImplType':
      return '0';
    case 'Version':
      return '1';
    case 'LibraryID':
      return LIBRARY_IDS[a.type];
    default:
      return undefined;
  }
}

/** Whether an export would write `a` anyway: library ids are GUIDs (their case carries no meaning), and an empty one is an unknown one. */
export const sameField = (field: string, a: string, b: string | undefined): boolean =>
  field === 'LibraryID' ? a.toLowerCase() === (b ?? '').toLowerCase() : a === b;

/**
 * The caption Studio gives a new action: its type with only the first letter
 * upper case ("Begin", "Reqagent"), as in every observed export. An export
 * writes it for an action without a caption; an import leaves it out.
 */
export const defaultCaption = (type: string): string => type.charAt(0).toUpperCase() + type.slice(1).toLowerCase();
