/** JSON Schemas of the GeoJSON (RFC 7946) bodies the import endpoints take. */

export const positionSchema = { type: 'array', minItems: 2, maxItems: 3, items: { type: 'number' } };

/** A FeatureCollection of 1 to `maxFeatures` features, each with the given geometry and properties schemas. */
export function featureCollectionSchema(feature: { geometry: object; properties: object; maxFeatures: number }) {
  return {
    type: 'object',
    required: ['type', 'features'],
    properties: {
      type: { const: 'FeatureCollection' },
      features: {
        type: 'array',
        minItems: 1,
        maxItems: feature.maxFeatures,
        items: {
          type: 'object',
          required: ['type', 'geometry', 'properties'],
          properties: { type: { const: 'Feature' }, geometry: feature.geometry, properties: feature.properties },
        },
      },
    },
  };
}
