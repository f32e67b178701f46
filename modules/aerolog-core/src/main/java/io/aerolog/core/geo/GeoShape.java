package io.aerolog.core.geo;

import com.google.common.geometry.S1Angle;
import com.google.common.geometry.S2Cap;
import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2LatLng;
import com.google.common.geometry.S2Loop;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Polygon;
import com.google.common.geometry.S2Region;
import com.google.common.geometry.S2RegionCoverer;
import com.google.common.geometry.S2RegionUnion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A GeoJSON value as Aerospike's server reads it ({@code geospatial/geojson.cc}): a point, kept as the S2 leaf
 * cell that holds it, or a region (Polygon, MultiPolygon, or AeroCircle: a center and a radius in meters on a
 * sphere of 6,371,000 m), kept as an S2 region; a Feature is its geometry. Everything else is refused with an
 * {@link InvalidGeoJsonException} saying what. The index cells of a value and the cell ranges a query scans are
 * Aerospike's: a point is its leaf cell, a region its covering (levels 1-30, 12 cells); a points-within query
 * scans its region's covering (levels 1-20, 12 cells) and a regions-containing query the 30 ancestors of its
 * point's cell. Matching is exact, as Aerospike's strict mode: a point (its cell's center) inside the region.
 */
public final class GeoShape {
    /** Aerospike's largest GeoJSON query value ({@code MAX_GEOJSON_KSIZE}). */
    public static final int MAX_TEXT = 1024 * 1024;
    /** Aerospike's {@code geo2dsphere-within-earth-radius-meters} default. */
    public static final double EARTH_RADIUS_METERS = 6_371_000;
    private static final S2RegionCoverer INDEX_COVERER = S2RegionCoverer.builder()
            .setMinLevel(1).setMaxLevel(30).setMaxCells(12).setLevelMod(1).build();
    private static final S2RegionCoverer QUERY_COVERER = S2RegionCoverer.builder()
            .setMinLevel(1).setMaxLevel(20).setMaxCells(12).setLevelMod(1).build();
    private static final int MAX_LEVELS = 30;

    private final long cellId;
    private final S2Region region;

    private GeoShape(long cellId, S2Region region) {
        this.cellId = cellId;
        this.region = region;
    }

    /** An inclusive range of S2 cell ids (as signed longs) that a query scans. */
    public record CellRange(long min, long max) {
    }

    /** Parses GeoJSON text as Aerospike does, or throws {@link InvalidGeoJsonException}. */
    public static GeoShape parse(String json) {
        if (json.length() > MAX_TEXT) {
            throw new InvalidGeoJsonException("GeoJSON of " + json.length() + " characters, more than " + MAX_TEXT);
        }
        Object root = GeoJsonReader.read(json);
        if (!(root instanceof Map<?, ?> top)) {
            throw new InvalidGeoJsonException("top level geojson element not object");
        }
        Object type = top.get("type");
        if (type == null) {
            throw new InvalidGeoJsonException("missing top-level type in geojson element");
        }
        if (!(type instanceof String t)) {
            throw new InvalidGeoJsonException("top-level type is not string");
        }
        if (t.equals("Feature")) {
            Object geometry = top.get("geometry");
            if (geometry == null) {
                throw new InvalidGeoJsonException("missing geometry element");
            }
            if (!(geometry instanceof Map<?, ?> g)) {
                throw new InvalidGeoJsonException("geometry is not object");
            }
            Object gt = g.get("type");
            if (gt == null) {
                throw new InvalidGeoJsonException("missing geometry type");
            }
            if (!(gt instanceof String gts)) {
                throw new InvalidGeoJsonException("geometry type is not string");
            }
            return geometry(gts, g.get("coordinates"), "unknown geometry type: ");
        }
        return geometry(t, top.get("coordinates"), "unknown top-level type: ");
    }

    private static GeoShape geometry(String type, Object coordinates, String unknown) {
        try {
            return switch (type) {
                case "Point" -> new GeoShape(S2CellId.fromPoint(point(coordinates)).id(), null);
                case "Polygon" -> new GeoShape(0, polygon(array(coordinates, "coordinates")));
                case "MultiPolygon" -> {
                    List<S2Region> parts = new ArrayList<>();
                    for (Object p : array(coordinates, "coordinates")) {
                        parts.add(polygon(p));
                    }
                    yield new GeoShape(0, new S2RegionUnion(parts));
                }
                case "AeroCircle" -> new GeoShape(0, circle(array(coordinates, "coordinates")));
                default -> throw new InvalidGeoJsonException(unknown + type);
            };
        } catch (InvalidGeoJsonException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidGeoJsonException("invalid " + type + ": " + e);
        }
    }

    private static List<?> array(Object v, String what) {
        if (v == null) {
            throw new InvalidGeoJsonException("missing " + what);
        }
        if (!(v instanceof List<?> l)) {
            throw new InvalidGeoJsonException(what + " are not array");
        }
        return l;
    }

    private static S2Point point(Object coord) {
        List<?> c = array(coord, "coordinates");
        if (c.size() != 2) {
            throw new InvalidGeoJsonException("expected 2 coordinates, saw " + c.size());
        }
        double lng = number(c.get(0), "longitude not numeric value");
        double lat = number(c.get(1), "latitude not numeric value");
        S2LatLng ll = S2LatLng.fromDegrees(lat, lng);
        if (!ll.isValid()) {
            throw new InvalidGeoJsonException("invalid latitude-longitude");
        }
        return ll.toPoint();
    }

    private static double number(Object v, String error) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d) {
            return d;
        }
        throw new InvalidGeoJsonException(error);
    }

    private static S2Loop loop(Object vertices) {
        List<?> raw = array(vertices, "vertices");
        List<S2Point> points = new ArrayList<>(raw.size());
        for (Object v : raw) {
            S2Point p = point(v);
            if (points.isEmpty() || !points.get(points.size() - 1).equals(p)) {
                points.add(p);
            }
        }
        if (points.size() < 4) {
            throw new InvalidGeoJsonException("loop contains less than 4 points");
        }
        if (!points.get(0).equals(points.get(points.size() - 1))) {
            throw new InvalidGeoJsonException("loop not closed");
        }
        points.remove(points.size() - 1);
        S2Loop loop = new S2Loop(points);
        loop.normalize();
        return loop;
    }

    private static S2Polygon polygon(Object loops) {
        if (loops == null) {
            throw new InvalidGeoJsonException("missing polygon body");
        }
        if (!(loops instanceof List<?> l)) {
            throw new InvalidGeoJsonException("polygon body is not array");
        }
        List<S2Loop> out = new ArrayList<>(l.size());
        for (Object loop : l) {
            out.add(loop(loop));
        }
        return new S2Polygon(out);
    }

    private static S2Cap circle(List<?> c) {
        if (c.size() != 2) {
            throw new InvalidGeoJsonException("malformed circle coordinate array");
        }
        S2Point center = point(c.get(0));
        double radius = number(c.get(1), "radius not numeric value");
        return S2Cap.fromAxisAngle(center, S1Angle.radians(radius / EARTH_RADIUS_METERS));
    }

    public boolean isPoint() {
        return region == null;
    }

    /** The S2 leaf cell id of a point (0 for a region). */
    public long cellId() {
        return cellId;
    }

    /** The index values of this value in a geo2dsphere index: a point's leaf cell, a region's covering cells. */
    public long[] indexCells() {
        if (isPoint()) {
            return new long[] {cellId};
        }
        ArrayList<S2CellId> covering = new ArrayList<>();
        INDEX_COVERER.getCovering(region, covering);
        long[] out = new long[covering.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = covering.get(i).id();
        }
        return out;
    }

    /**
     * The cell ranges a query for this value scans, in signed order (the order of the index's keys): for a point
     * (regions containing it) its cell and each ancestor; for a region (points within it) its covering.
     */
    public List<CellRange> queryRanges() {
        List<CellRange> out = new ArrayList<>();
        if (isPoint()) {
            for (S2CellId c = new S2CellId(cellId); c.level() > 0 && out.size() < MAX_LEVELS; c = c.parent()) {
                out.add(new CellRange(c.id(), c.id()));
            }
        } else {
            ArrayList<S2CellId> covering = new ArrayList<>();
            QUERY_COVERER.getCovering(region, covering);
            if (covering.size() > Math.max(6, QUERY_COVERER.maxCells())) {
                throw new InvalidGeoJsonException("region covered with " + covering.size() + " cells, only "
                        + QUERY_COVERER.maxCells() + " allowed");
            }
            for (S2CellId c : covering) {
                out.add(new CellRange(c.rangeMin().id(), c.rangeMax().id()));
            }
        }
        out.sort(Comparator.comparingLong(CellRange::min));
        return out;
    }

    /**
     * Aerospike's strict match of {@code candidate} (a stored value) for this query value: a point query matches
     * regions that contain the point, a region query points inside the region; a point never matches a point
     * nor a region a region.
     */
    public boolean matches(GeoShape candidate) {
        if (isPoint()) {
            return !candidate.isPoint() && candidate.region.contains(new S2CellId(cellId).toPoint());
        }
        return candidate.isPoint() && region.contains(new S2CellId(candidate.cellId).toPoint());
    }
}
