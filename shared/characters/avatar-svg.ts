import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CharacterRecord } from './types.js';

/**
 * Deterministic illustrated avatars: the same slug always draws the same face, so every character
 * has a real picture without shipping image files. A look can be given (the seed catalogue does);
 * otherwise each feature is picked from a hash of the slug, with a prop chosen by the interests.
 */
export interface AvatarLook {
  background: [string, string];
  skin: string;
  hair: string;
  hairStyle: 'short' | 'long' | 'bun' | 'curly' | 'turban' | 'bald';
  shirt: string;
  accessory?: 'glasses' | 'headphones' | 'cap' | 'bindi' | 'tilak' | 'headband' | 'chef-hat' | 'none';
  beard?: boolean;
}

const backgrounds: Array<[string, string]> = [
  ['#ff9a8b', '#ff6a88'], ['#fbc2eb', '#a6c1ee'], ['#84fab0', '#8fd3f4'], ['#f6d365', '#fda085'],
  ['#a1c4fd', '#c2e9fb'], ['#d4fc79', '#96e6a1'], ['#fccb90', '#d57eeb'], ['#e0c3fc', '#8ec5fc'],
];
const skins = ['#8d5524', '#a0673a', '#c68642', '#d9a066', '#e0ac69', '#f1c27d'];
const hairs = ['#1b1b1b', '#2e1d12', '#3b2314', '#4a2f1b', '#6b4226'];
const shirts = ['#264653', '#2a9d8f', '#e76f51', '#6d597a', '#1d3557', '#b5179e', '#f4a261'];
const styles: AvatarLook['hairStyle'][] = ['short', 'long', 'bun', 'curly', 'short', 'long'];

const propByInterest: Record<string, NonNullable<AvatarLook['accessory']>> = {
  cricket: 'cap', music: 'headphones', gaming: 'headphones', studies: 'glasses', books: 'glasses', career: 'glasses',
  spirituality: 'tilak', fitness: 'headband', cooking: 'chef-hat',
};

export function lookFor(slug: string, interests: string[] = []): AvatarLook {
  const hash = createHash('sha256').update(slug).digest();
  const pick = <T>(list: T[], byte: number): T => list[hash[byte]! % list.length]!;
  const prop = interests.map((interest) => propByInterest[interest]).find(Boolean);
  const hairStyle = pick(styles, 4);
  return {
    background: pick(backgrounds, 0),
    skin: pick(skins, 1),
    hair: pick(hairs, 2),
    shirt: pick(shirts, 3),
    hairStyle,
    accessory: prop ?? 'none',
    beard: hairStyle === 'short' && hash[5]! % 3 === 0,
  };
}

const hairBack = (look: AvatarLook) =>
  look.hairStyle === 'long' ? `<path d="M72 118 C66 52 190 52 184 118 L192 206 L64 206 Z" fill="${look.hair}"/>` : '';

function hairFront(look: AvatarLook): string {
  switch (look.hairStyle) {
    case 'short':
    case 'long':
      return `<path d="M77 112 C70 52 186 52 179 112 C168 82 112 74 77 112 Z" fill="${look.hair}"/>`;
    case 'bun':
      return `<circle cx="128" cy="56" r="20" fill="${look.hair}"/><path d="M77 112 C70 56 186 56 179 112 C160 86 100 84 77 112 Z" fill="${look.hair}"/>`;
    case 'curly':
      return [78, 96, 114, 132, 150, 168, 178]
        .map((x, index) => `<circle cx="${x}" cy="${index % 2 ? 70 : 82}" r="18" fill="${look.hair}"/>`)
        .join('');
    case 'turban':
      return `<path d="M74 104 C68 40 188 40 182 104 C160 92 96 92 74 104 Z" fill="#f28c28"/><path d="M92 62 C120 82 150 74 170 60" stroke="#c0561a" stroke-width="5" fill="none"/><circle cx="128" cy="78" r="6" fill="#ffd166"/>`;
    case 'bald':
      return '';
  }
}

function accessory(look: AvatarLook): string {
  switch (look.accessory) {
    case 'glasses':
      return '<g fill="none" stroke="#222" stroke-width="4"><circle cx="108" cy="116" r="14"/><circle cx="148" cy="116" r="14"/><path d="M122 116 H134"/></g>';
    case 'headphones':
      return '<path d="M74 118 C74 40 182 40 182 118" stroke="#333" stroke-width="9" fill="none"/><rect x="64" y="104" width="18" height="34" rx="8" fill="#e63946"/><rect x="174" y="104" width="18" height="34" rx="8" fill="#e63946"/>';
    case 'cap':
      return '<path d="M76 98 C78 52 178 52 180 98 Z" fill="#1d4ed8"/><path d="M128 98 H206 C200 86 186 84 176 88 Z" fill="#1e3a8a"/>';
    case 'bindi':
      return '<circle cx="128" cy="96" r="4.5" fill="#d62828"/>';
    case 'tilak':
      return '<rect x="124.5" y="84" width="7" height="18" rx="3.5" fill="#e85d04"/>';
    case 'headband':
      return '<rect x="78" y="86" width="100" height="12" rx="6" fill="#e63946"/>';
    case 'chef-hat':
      return '<rect x="92" y="58" width="72" height="24" fill="#fff"/><circle cx="104" cy="50" r="18" fill="#fff"/><circle cx="128" cy="42" r="20" fill="#fff"/><circle cx="152" cy="50" r="18" fill="#fff"/>';
    default:
      return '';
  }
}

export function avatarSvg(look: AvatarLook): string {
  const [from, to] = look.background;
  const beard = look.beard ? `<path d="M86 124 C90 176 166 176 170 124 C160 150 96 150 86 124 Z" fill="${look.hair}"/>` : '';
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256" width="256" height="256" role="img">',
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>`,
    '<rect width="256" height="256" rx="128" fill="url(#bg)"/>',
    hairBack(look),
    `<path d="M52 256 C52 198 90 176 128 176 C166 176 204 198 204 256 Z" fill="${look.shirt}"/>`,
    `<rect x="114" y="148" width="28" height="34" rx="10" fill="${look.skin}"/>`,
    `<circle cx="79" cy="120" r="9" fill="${look.skin}"/><circle cx="177" cy="120" r="9" fill="${look.skin}"/>`,
    `<circle cx="128" cy="116" r="50" fill="${look.skin}"/>`,
    beard,
    hairFront(look),
    '<circle cx="108" cy="116" r="5" fill="#222"/><circle cx="148" cy="116" r="5" fill="#222"/>',
    '<path d="M112 138 Q128 152 144 138" stroke="#7a2e2e" stroke-width="4" fill="none" stroke-linecap="round"/>',
    accessory(look),
    '</svg>',
  ].join('');
}

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/);
const lookSchema = z.object({
  background: z.tuple([color, color]),
  skin: color,
  hair: color,
  hairStyle: z.enum(['short', 'long', 'bun', 'curly', 'turban', 'bald']),
  shirt: color,
  accessory: z.enum(['glasses', 'headphones', 'cap', 'bindi', 'tilak', 'headband', 'chef-hat', 'none']).optional(),
  beard: z.boolean().optional(),
});

/** A character's look: a curated one from `persona.extensions.saathi_avatar` (checked, since cards can carry anything), else derived. */
export function lookOfCharacter(record: Pick<CharacterRecord, 'slug' | 'interests' | 'persona'>): AvatarLook {
  const curated = lookSchema.safeParse(record.persona.extensions?.saathi_avatar);
  return curated.success ? curated.data : lookFor(record.slug, record.interests);
}
