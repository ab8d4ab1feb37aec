import sharp from 'sharp';

/** Simple flat drawings of the demo goods; they go through the real upload pipeline as PNG files. */
export type Shape =
  | 'mug'
  | 'vase'
  | 'bowl'
  | 'candle'
  | 'soap'
  | 'slippers'
  | 'socks'
  | 'bag'
  | 'board'
  | 'toy'
  | 'birdhouse'
  | 'cards'
  | 'giftbox'
  | 'box'
  | 'label'
  | 'notebook'
  | 'cup';

export interface Drawing {
  shape: Shape;
  /** The object's main colour, one image per colour. */
  colors: readonly string[];
  accent: string;
}

const SIZE = 800;

/** Mixes a #rrggbb colour towards white (amount > 0) or black (amount < 0). */
function tint(hex: string, amount: number): string {
  const target = amount > 0 ? 255 : 0;
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const mixed = channels.map((c) => Math.round(c + (target - c) * Math.abs(amount)));
  return `#${mixed.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

const rect = (x: number, y: number, w: number, h: number, fill: string, rx = 0, extra = '') =>
  `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${rx}" fill="${fill}" ${extra}/>`;
const circle = (cx: number, cy: number, r: number, fill: string, extra = '') =>
  `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}" ${extra}/>`;
const ellipse = (cx: number, cy: number, rx: number, ry: number, fill: string, extra = '') =>
  `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="${fill}" ${extra}/>`;
const path = (d: string, fill: string, extra = '') => `<path d="${d}" fill="${fill}" ${extra}/>`;
const line = (d: string, color: string, width: number, extra = '') =>
  path(
    d,
    'none',
    `stroke="${color}" stroke-width="${width}" stroke-linecap="round" stroke-linejoin="round" ${extra}`,
  );
const group = (transform: string, ...parts: string[]) => `<g transform="${transform}">${parts.join('')}</g>`;
const shine = (x: number, y: number, h: number) => rect(x, y, 24, h, '#fff', 12, 'opacity=".25"');

const SOCK =
  'M330 170 h150 v330 c0 30 -10 50 -40 70 l-130 85 c-50 33 -110 -30 -70 -80 c10 -12 20 -20 40 -30 l50 -35 z';

function sock(c: string, a: string): string {
  return [
    path(SOCK, c),
    `<g clip-path="url(#sock)">`,
    rect(330, 170, 150, 45, tint(c, -0.2)),
    rect(330, 250, 150, 22, a),
    rect(330, 292, 150, 22, a),
    circle(470, 560, 50, a),
    circle(255, 625, 60, a),
    '</g>',
  ].join('');
}

function card(rotation: number, c: string, a: string): string {
  return group(
    `rotate(${rotation} 400 430)`,
    rect(250, 240, 300, 400, '#fbf6ee', 12, 'stroke="#d8ccb8" stroke-width="3"'),
    rect(275, 265, 250, 250, c, 6),
    circle(455, 330, 32, a),
    path('M275 515 L350 400 L410 470 L450 420 L525 515 Z', tint(c, -0.3)),
    rect(275, 545, 160, 14, '#d9cfc0', 7),
    rect(275, 572, 110, 14, '#d9cfc0', 7),
  );
}

const BARCODE = [4, 8, 4, 4, 10, 4, 6, 4, 8, 4, 4, 6, 10, 4];

const SHAPES: Record<Shape, (c: string, a: string, bg: string) => string> = {
  mug: (c, a) =>
    line('M500 380 h40 a70 70 0 0 1 0 140 h-40', tint(c, -0.15), 38) +
    path('M240 306 V590 q0 40 40 40 h190 q40 0 40 -40 V306 z', c) +
    rect(240, 400, 270, 34, a) +
    ellipse(375, 306, 135, 24, tint(c, -0.2)) +
    ellipse(375, 308, 115, 16, tint(c, -0.4)) +
    shine(275, 345, 240),
  vase: (c, a) =>
    line('M385 205 c-10 -50 -40 -90 -75 -110 M415 205 c5 -60 30 -100 70 -120', '#8a7a55', 6) +
    ellipse(305, 92, 22, 14, a) +
    ellipse(490, 82, 22, 14, a) +
    path(
      'M350 200 h100 v30 c0 50 130 110 130 250 c0 100 -70 160 -180 160 s-180 -60 -180 -160 c0 -140 130 -200 130 -250 z',
      c,
    ) +
    ellipse(400, 203, 52, 12, tint(c, -0.35)) +
    [300, 350, 400, 450, 500].map((x) => circle(x, 470, 11, a)).join('') +
    line('M270 410 c-20 60 -15 120 10 170', '#fff', 18, 'opacity=".25"'),
  bowl: (c, a) =>
    path('M190 420 H610 c0 130 -95 215 -210 215 S190 550 190 420 z', c) +
    ellipse(400, 420, 210, 40, tint(c, -0.1)) +
    ellipse(400, 425, 185, 28, tint(c, -0.35)) +
    line('M225 500 q43 -25 87 0 t87 0 t87 0 t87 0', a, 10),
  candle: (c, a) =>
    circle(400, 260, 120, '#ffd27a', 'opacity=".35"') +
    path('M300 340 V610 q0 20 20 20 h160 q20 0 20 -20 V340 z', c) +
    rect(300, 460, 200, 80, a) +
    ellipse(400, 340, 100, 18, tint(c, 0.25)) +
    line('M400 340 v-40', '#3b2f2a', 6) +
    path('M400 195 c28 38 42 66 42 92 a42 42 0 0 1 -84 0 c0 -26 14 -54 42 -92 z', '#f4a62a') +
    path('M400 245 c14 20 21 32 21 44 a21 21 0 0 1 -42 0 c0 -12 7 -24 21 -44 z', '#fff1b8') +
    shine(322, 360, 250),
  soap: (c, a) =>
    rect(200, 430, 400, 200, tint(c, -0.18), 60) +
    rect(200, 410, 400, 190, c, 60) +
    rect(260, 450, 280, 110, tint(c, -0.08), 40) +
    path('M400 540 c-50 -10 -70 -40 -70 -70 c40 5 65 35 70 70 z', a) +
    path('M400 540 c50 -10 70 -40 70 -70 c-40 5 -65 35 -70 70 z', tint(a, -0.15)) +
    [circle(560, 350, 34, '#fff'), circle(615, 290, 20, '#fff'), circle(520, 285, 13, '#fff')]
      .map((b) => `<g opacity=".6">${b}</g>`)
      .join(''),
  slippers: (c, a) =>
    [
      [310, -6],
      [490, 6],
    ]
      .map(([x = 0, r = 0]) =>
        group(
          `rotate(${r} ${x} 430)`,
          ellipse(x, 430, 88, 200, c),
          ellipse(
            x,
            430,
            74,
            186,
            'none',
            `stroke="${tint(c, 0.3)}" stroke-width="5" stroke-dasharray="14 12"`,
          ),
          ellipse(x, 495, 56, 112, tint(c, -0.4)),
          circle(x, 300, 24, a),
        ),
      )
      .join(''),
  socks: (c, a) =>
    `<defs><clipPath id="sock"><path d="${SOCK}"/></clipPath></defs>` +
    group('translate(70 -15)', sock(tint(c, -0.25), tint(a, -0.15))) +
    sock(c, a),
  bag: (c, a) =>
    line('M320 340 C320 170 480 170 480 340', tint(c, -0.25), 22) +
    path('M235 330 H565 L590 635 H210 Z', c) +
    rect(237, 330, 326, 26, tint(c, -0.1)) +
    path('M400 405 c60 40 70 130 0 190 c-70 -60 -60 -150 0 -190 z', a) +
    line('M400 425 V585 M400 480 l-30 -20 M400 520 l30 -20', tint(a, -0.3), 5),
  board: (c, _a, bg) =>
    rect(350, 160, 100, 170, c, 36) +
    rect(220, 290, 360, 350, c, 44) +
    circle(400, 212, 18, bg) +
    rect(238, 308, 324, 314, 'none', 32, `stroke="${tint(c, 0.2)}" stroke-width="4"`) +
    line(
      'M260 370 c80 20 160 -20 280 10 M255 460 c100 -20 200 30 290 0 M262 560 c90 20 180 -15 276 5',
      tint(c, -0.15),
      6,
    ),
  toy: (c, a) =>
    path('M300 440 L340 340 H480 L530 440 Z', c, `stroke="${c}" stroke-width="16" stroke-linejoin="round"`) +
    path('M335 430 L362 362 H408 V430 Z', tint(c, 0.5)) +
    path('M428 430 V362 H470 L500 430 Z', tint(c, 0.5)) +
    rect(190, 430, 420, 130, c, 34) +
    rect(190, 478, 420, 22, a) +
    circle(592, 462, 11, '#fff3c4') +
    [300, 500].map((x) => circle(x, 570, 58, '#5b4636') + circle(x, 570, 22, a)).join(''),
  birdhouse: (c, a) =>
    line('M400 110 V200', '#6b5a48', 5) +
    rect(250, 330, 300, 300, c, 10) +
    path('M400 180 L625 375 H175 Z', a, `stroke="${a}" stroke-width="14" stroke-linejoin="round"`) +
    circle(400, 460, 46, tint(c, -0.6)) +
    circle(400, 545, 12, tint(c, -0.35)) +
    shine(270, 390, 210),
  cards: (c, a) => card(-14, tint(c, 0.35), a) + card(-4, tint(c, -0.15), a) + card(8, c, a),
  giftbox: (c, a) =>
    rect(240, 400, 320, 230, c, 8) +
    rect(220, 345, 360, 75, tint(c, -0.12), 8) +
    rect(377, 345, 46, 285, a) +
    ellipse(342, 318, 62, 34, a, 'transform="rotate(-25 342 318)"') +
    ellipse(458, 318, 62, 34, a, 'transform="rotate(25 458 318)"') +
    ellipse(350, 320, 30, 14, tint(a, -0.25), 'transform="rotate(-25 350 320)"') +
    ellipse(450, 320, 30, 14, tint(a, -0.25), 'transform="rotate(25 450 320)"') +
    circle(400, 338, 24, tint(a, -0.15)),
  box: (c, a) =>
    path('M220 370 L310 300 H600 L510 370 Z', tint(c, 0.18)) +
    rect(220, 370, 290, 260, c) +
    path('M510 370 L600 300 V560 L510 630 Z', tint(c, -0.2)) +
    path('M335 370 L425 300 H475 L385 370 Z', a) +
    rect(335, 370, 50, 80, a) +
    rect(250, 500, 120, 80, '#fffaf0', 6) +
    rect(265, 518, 80, 10, '#b8a888', 5) +
    rect(265, 540, 60, 10, '#b8a888', 5),
  label: (c, a, bg) =>
    line('M245 430 C160 380 130 300 175 230', '#8a6a4a', 5) +
    group(
      'rotate(-10 400 430)',
      path(
        'M270 300 H560 V560 H270 L190 430 Z',
        c,
        `stroke="${c}" stroke-width="24" stroke-linejoin="round"`,
      ),
      circle(245, 430, 20, bg),
      rect(320, 350, 200, 26, a, 13),
      rect(320, 400, 160, 18, tint(c, -0.3), 9),
      rect(320, 435, 190, 18, tint(c, -0.3), 9),
      BARCODE.map((w, i) => rect(320 + i * 14, 480, w, 50, '#3b2f2a')).join(''),
    ),
  notebook: (c, a) =>
    rect(272, 232, 300, 400, '#f6f1e7', 14, 'stroke="#d8ccb8" stroke-width="3"') +
    rect(250, 220, 300, 400, c, 14) +
    rect(300, 320, 200, 70, a, 8) +
    rect(300, 420, 200, 14, tint(c, 0.3), 7) +
    rect(300, 450, 150, 14, tint(c, 0.3), 7) +
    Array.from({ length: 9 }, (_, i) =>
      ellipse(282 + i * 30, 222, 8, 22, 'none', 'stroke="#4a4a4a" stroke-width="6"'),
    ).join(''),
  cup: (c, a) =>
    ellipse(400, 610, 210, 40, tint(c, -0.1)) +
    ellipse(400, 600, 150, 24, tint(c, -0.2)) +
    line('M520 430 h30 a50 50 0 0 1 0 100 h-45', tint(c, -0.12), 26) +
    path('M260 400 H540 c0 140 -50 200 -140 200 s-140 -60 -140 -200 z', c) +
    ellipse(400, 402, 140, 24, a, `stroke="${tint(c, -0.12)}" stroke-width="8"`) +
    line(
      'M360 340 c-25 -30 25 -50 0 -80 s25 -50 0 -80 M440 340 c-25 -30 25 -50 0 -80 s25 -50 0 -80',
      '#fff',
      10,
      'opacity=".7"',
    ),
};

function svg(shape: Shape, color: string, accent: string, background: string, mirrored: boolean): string {
  const body = SHAPES[shape](color, accent, background);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">`,
    rect(0, 0, SIZE, SIZE, background),
    circle(400, 410, 310, '#fff', 'opacity=".22"'),
    ellipse(400, 650, 240, 28, '#3a2a1f', 'opacity=".14"'),
    mirrored ? group(`translate(${SIZE} 0) scale(-1 1)`, body) : body,
    '</svg>',
  ].join('');
}

/** One PNG per colour of the drawing; the second and later images are mirrored for variety. */
export async function renderImages(drawing: Drawing, background: string): Promise<Buffer[]> {
  return Promise.all(
    drawing.colors.map((color, i) =>
      sharp(Buffer.from(svg(drawing.shape, color, drawing.accent, background, i % 2 === 1)))
        .png()
        .toBuffer(),
    ),
  );
}
