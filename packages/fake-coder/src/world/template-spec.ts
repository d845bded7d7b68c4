/** A preset of a template version. */
export interface PresetSpec {
  name: string;
  /** Parameter values the preset sets (default none). */
  parameters?: { name: string; value: string }[];
  /** Whether the preset is the version's default (default false). */
  default?: boolean;
}

/** A template version to add. */
export interface TemplateVersionSpec {
  name: string;
  /** Whether the version declares an AI task (default true). */
  aiTask?: boolean;
  /** false: the template links no app, so tasks end `unknown` once the agent is ready (default true). */
  taskApp?: boolean;
  /** Its presets (default none). */
  presets?: PresetSpec[];
}

/** A template to add, with its one first version. */
export interface TemplateSpec extends Omit<TemplateVersionSpec, 'name'> {
  name: string;
  /** Default empty. */
  displayName?: string;
  /** Default empty. */
  icon?: string;
  /** The first version's name (default "v1"). */
  versionName?: string;
  /** External auth providers the owner must have linked, such as `github` (default none). */
  requiredExternalAuth?: string[];
}
