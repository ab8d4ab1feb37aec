import sharp from 'sharp';
const [file, out, h] = process.argv.slice(2);
const meta = await sharp(file!).metadata();
await sharp(file!).extract({ left: 0, top: 0, width: meta.width!, height: Math.min(Number(h), meta.height!) }).toFile(out!);
