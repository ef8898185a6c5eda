// Builds europe.json, the map of Europe that the overview, the home page and the practice pages
// draw (regions/maps.py reads it), and static/maps/europe.svg, the same shapes as one file the
// pages' maps refer to (cached for a year, as every static file with a hash in its name), from Natural Earth's country boundaries at 1:50 million as
// npm's world-atlas ships them (public domain: https://www.naturalearthdata.com/about/terms-of-use/).
// Projection: Lambert azimuthal equal-area centred on 52°N 10°E, as Eurostat's maps (EPSG:3035)
// use, by d3-geo; the paths are clipped to the frame and written with one decimal.
//
//   cd regions/maps && npm ci && node build.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { geoAzimuthalEqualArea, geoPath } from "d3-geo";
import { feature } from "topojson-client";

const WIDTH = 1000;
const HEIGHT = 880;
const ROTATE = [-10, -52];
// The network's Europe: Iceland to Cyprus, Portugal and Malta to the north of Norway.
const FRAME = {
  type: "MultiPoint",
  coordinates: [
    [-24, 64], [-10, 36], [-6, 35.6], [14.5, 35.3], [25, 34.6], [34.5, 34.6], [32, 70.5],
    [25, 71.2], [-9, 58],
  ],
};

const atlas = JSON.parse(
  readFileSync(new URL("./node_modules/world-atlas/countries-50m.json", import.meta.url)),
);
const countries = feature(atlas, atlas.objects.countries).features;
const projection = geoAzimuthalEqualArea()
  .rotate(ROTATE)
  .fitExtent([[10, 10], [WIDTH - 10, HEIGHT - 10]], FRAME)
  .clipExtent([[0, 0], [WIDTH, HEIGHT]]);
const path = geoPath(projection).digits(1);

function largestPart(geometry) {
  // Where to write a country's number: the centre of its largest part (France's is in Europe,
  // not between Europe and French Guiana).
  if (geometry.type !== "MultiPolygon") return geometry;
  let best = null;
  let bestArea = -1;
  for (const coordinates of geometry.coordinates) {
    const part = { type: "Polygon", coordinates };
    const area = path.area(part);
    if (area > bestArea) {
      best = part;
      bestArea = area;
    }
  }
  return best;
}

const out = [];
for (const country of countries) {
  const d = path(country);
  if (!d) continue;
  const [[x0, y0], [x1, y1]] = path.bounds(country);
  if (x1 <= 0 || y1 <= 0 || x0 >= WIDTH || y0 >= HEIGHT) continue;
  const [cx, cy] = path.centroid(largestPart(country.geometry));
  out.push({
    numeric: country.id ?? null,
    name: country.properties.name,
    d,
    label: [Math.round(cx * 10) / 10, Math.round(cy * 10) / 10],
  });
}
out.sort((a, b) => a.name.localeCompare(b.name));

// The shapes for the pages: each country a path with an id the page's <use> elements name.
const sprite = out
  .map((country, index) => `<path id="${shapeId(country, index)}" d="${country.d}"/>`)
  .join("\n");
writeFileSync(
  new URL("../../static/maps/europe.svg", import.meta.url),
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}">\n` +
    `<!-- Natural Earth 1:50m countries (public domain), built by regions/maps/build.mjs -->\n` +
    `<defs>\n${sprite}\n</defs>\n</svg>\n`,
);
for (const [index, country] of out.entries()) {
  country.id = shapeId(country, index);
}

function shapeId(country, index) {
  return country.numeric ? `n${country.numeric}` : `x${index}`;
}

const [scale, translate] = [projection.scale(), projection.translate()];
writeFileSync(
  new URL("./europe.json", import.meta.url),
  JSON.stringify({
    source: "Natural Earth 1:50m cultural vectors (admin 0 countries), via npm world-atlas 2.0.2",
    licence: "Public domain (Natural Earth terms of use)",
    width: WIDTH,
    height: HEIGHT,
    projection: { name: "azimuthalEqualArea", rotate: ROTATE, scale, translate },
    countries: out,
  }),
);
console.log(`${out.length} countries, scale ${scale.toFixed(1)}`);
