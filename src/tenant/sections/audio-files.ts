// Section `audioFiles`: the business unit's audio files that prompts play, with
// how long each lasts, so a prompt takes its real time on the virtual clock
// (docs/phone.md). Files the section does not list play for 3 seconds.
import { diagnostic, type Diagnostic } from '../../contract/diagnostics.js';
import { defineSection } from '../section.js';

export const AUDIO_FILES_COLLECTION = 'phone.audioFiles';

export interface AudioFileInput {
  file: string;
  seconds: number;
}

/** How a prompt names a file and how the section lists it compare: case and slash direction do not matter. */
export const audioFileKey = (file: string): string => file.trim().replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();

export const audioFilesSection = defineSection<AudioFileInput[]>({
  key: 'audioFiles',
  description: 'Audio files prompts play, with their length in seconds (others play 3 s).',
  schema: {
    type: 'array',
    items: {
      type: 'object',
      required: ['file', 'seconds'],
      additionalProperties: false,
      properties: {
        file: { type: 'string', minLength: 1, description: 'The name a prompt uses: "greeting.wav", "Sub/hold.wav".' },
        seconds: { type: 'number', exclusiveMinimum: 0, description: 'How long it plays.' },
      },
    },
  },
  validate(doc, locate) {
    const ds: Diagnostic[] = [];
    const seen = new Map<string, number>();
    ((doc.data.audioFiles ?? []) as AudioFileInput[]).forEach((f, i) => {
      const key = audioFileKey(f.file);
      const first = seen.get(key);
      if (first !== undefined) ds.push(diagnostic('E-TENANT-DUPLICATE', `audio file "${f.file}" is already listed (audioFiles[${first}])`, locate(['audioFiles', i, 'file'])));
      else seen.set(key, i);
    });
    return ds;
  },
  load(store, files) {
    const col = store.collection<{ seconds: number }>(AUDIO_FILES_COLLECTION);
    col.clear();
    for (const f of files) col.put(audioFileKey(f.file), { seconds: f.seconds });
  },
});
