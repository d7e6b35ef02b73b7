import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { open311Xml } from './open311-xml.ts';

describe('GeoReport v2 XML', () => {
  it('wraps lists in the spec\'s plural and singular elements and writes empty values as empty elements', () => {
    const xml = open311Xml('service_requests', [{ service_request_id: '638344', address_id: null, lat: 37.76 }]);
    assert.equal(
      xml,
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><service_request_id>638344</service_request_id><address_id/><lat>37.76</lat></request></service_requests>',
    );
  });

  it('nests the discovery document\'s endpoints and formats', () => {
    const xml = open311Xml('discovery', { endpoints: [{ formats: ['text/xml', 'application/json'] }] });
    assert.match(xml, /<endpoints><endpoint><formats><format>text\/xml<\/format><format>application\/json<\/format><\/formats><\/endpoint><\/endpoints>/);
  });

  it('escapes markup in values so a description cannot inject elements', () => {
    assert.match(open311Xml('errors', [{ code: 400, description: '<b>"x" & \'y\'</b>' }]), /<description>&lt;b&gt;&quot;x&quot; &amp; &apos;y&apos;&lt;\/b&gt;<\/description>/);
  });
});
