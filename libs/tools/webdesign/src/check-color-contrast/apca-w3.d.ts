// apca-w3 ships no types; the spec uses it as the reference implementation.
declare module 'apca-w3' {
  export function APCAcontrast(txtY: number, bgY: number, places?: number): number | string;
  export function sRGBtoY(rgb: number[]): number;
}
