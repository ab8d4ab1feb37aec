import mongoose from 'mongoose';
import { localizedText } from '../db/localized.ts';

/** The workshop's own words on its public impact page (`_id: 'impact'`), in Lithuanian and English. */
const impactTextSchema = new mongoose.Schema(
  {
    _id: { type: String, default: 'impact' },
    text: localizedText,
    updatedBy: { type: String, default: '' },
  },
  { timestamps: true, collection: 'impact_text' },
);
export const ImpactText = mongoose.model('ImpactText', impactTextSchema);
