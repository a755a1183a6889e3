/**
 * The character domain: what the edge and the chat pipeline import. Records carry every language's
 * texts and the persona; views are what API.md shows a given user.
 */
export type { CharacterInput, CharacterPatch, CharacterRecord, CharacterTexts, CharacterView, Tier } from './types.js';
export type { Persona } from '../db/models/index.js';
export { CharacterCatalogue, charactersChanged, getCharacter, sharedCatalogue } from './catalogue.js';
export { isLockedFor, loadViewer, localisedTexts, mediaBaseOf, pageOf, toView, type ListFilters, type Viewer } from './views.js';
export { createCharacter, deleteCharacter, updateCharacter } from './admin.js';
export { liveCharacter, requirePro, setCustomAvatar, setNickname } from './customization.js';
export { matchCharacter } from './matcher.js';
export { cardFromCharacter, characterCardSchema, characterFromCard, type CharacterCard } from './card.js';
export { avatarSvg, lookFor, lookOfCharacter, type AvatarLook } from './avatar-svg.js';
