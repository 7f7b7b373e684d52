package com.contoso.media.storagereport;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What changed in one tenant's storage during one UTC day: the net change in bytes by kind, the byte-time those
 * changes added within the day, and the net change in uploads by status. Every field is a sum of per-change terms,
 * so deltas add in any order. A change of {@code Δ} bytes at {@code t} adds {@code Δ × (end of day − t)} of
 * byte-time: in whole seconds ({@code byteSeconds}) plus the remaining milliseconds ({@code byteMillis}), two
 * counters that stay within a long where one byte-millisecond counter would not.
 */
public record DayDelta(LocalDate day, Map<StoredKind, Long> bytes, Map<StoredKind, Long> byteSeconds,
                       Map<StoredKind, Long> byteMillis, Map<String, Long> statuses) {

    private static final String BYTES = "bytes_";
    private static final String SECONDS = "byteSeconds_";
    private static final String MILLIS = "byteMillis_";
    private static final String STATUS = "status_";

    public DayDelta {
        bytes = sorted(bytes);
        byteSeconds = sorted(byteSeconds);
        byteMillis = sorted(byteMillis);
        statuses = new TreeMap<>(statuses);
        statuses.values().removeIf(v -> v == 0);
    }

    public static DayDelta empty(LocalDate day) {
        return new DayDelta(day, Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** The days a set of changes touch, each with its delta, in day order. */
    public static List<DayDelta> of(Collection<StorageFacts.Change> changes, int sign) {
        Map<LocalDate, DayDelta> byDay = new TreeMap<>();
        for (StorageFacts.Change change : changes) {
            LocalDate day = LocalDate.ofInstant(change.at(), ZoneOffset.UTC);
            long remaining = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli()
                    - change.at().toEpochMilli();
            Map<StoredKind, Long> bytes = new EnumMap<>(StoredKind.class);
            Map<StoredKind, Long> seconds = new EnumMap<>(StoredKind.class);
            Map<StoredKind, Long> millis = new EnumMap<>(StoredKind.class);
            change.bytes().forEach((kind, delta) -> {
                bytes.put(kind, sign * delta);
                seconds.put(kind, sign * delta * (remaining / 1000));
                millis.put(kind, sign * delta * (remaining % 1000));
            });
            Map<String, Long> statuses = new TreeMap<>();
            change.statuses().forEach((status, delta) -> statuses.put(status, sign * delta));
            byDay.merge(day, new DayDelta(day, bytes, seconds, millis, statuses), DayDelta::plus);
        }
        return new ArrayList<>(byDay.values());
    }

    /** From one version of an upload's facts to a newer one: what each touched day gains or loses. */
    public static List<DayDelta> between(StorageFacts before, StorageFacts after) {
        Map<LocalDate, DayDelta> byDay = new TreeMap<>();
        Stream.concat(of(after.changes(), 1).stream(), of(before.changes(), -1).stream())
                .forEach(delta -> byDay.merge(delta.day(), delta, DayDelta::plus));
        return byDay.values().stream().filter(delta -> !delta.isZero()).toList();
    }

    public DayDelta plus(DayDelta other) {
        return new DayDelta(day, add(bytes, other.bytes), add(byteSeconds, other.byteSeconds),
                add(byteMillis, other.byteMillis), addStatuses(statuses, other.statuses));
    }

    /** The constructor drops zero counters, so a delta that changes nothing has none left. */
    public boolean isZero() {
        return bytes.isEmpty() && byteSeconds.isEmpty() && byteMillis.isEmpty() && statuses.isEmpty();
    }

    /** The byte-milliseconds the day's own changes added, of one kind. */
    public BigInteger byteMillisOf(StoredKind kind) {
        return BigInteger.valueOf(byteSeconds.getOrDefault(kind, 0L)).multiply(BigInteger.valueOf(1000))
                .add(BigInteger.valueOf(byteMillis.getOrDefault(kind, 0L)));
    }

    /** The delta as flat named counters ({@code bytes_originals}, {@code status_Succeeded}…), as stores keep it. */
    public Map<String, Long> fields() {
        Map<String, Long> fields = new TreeMap<>();
        bytes.forEach((kind, value) -> fields.put(BYTES + kind.key(), value));
        byteSeconds.forEach((kind, value) -> fields.put(SECONDS + kind.key(), value));
        byteMillis.forEach((kind, value) -> fields.put(MILLIS + kind.key(), value));
        statuses.forEach((status, value) -> fields.put(STATUS + status, value));
        return fields;
    }

    /** The delta a store's counters describe; names it does not know are ignored. */
    public static DayDelta fromFields(LocalDate day, Map<String, Long> fields) {
        Map<StoredKind, Long> bytes = new EnumMap<>(StoredKind.class);
        Map<StoredKind, Long> seconds = new EnumMap<>(StoredKind.class);
        Map<StoredKind, Long> millis = new EnumMap<>(StoredKind.class);
        Map<String, Long> statuses = new TreeMap<>();
        for (StoredKind kind : StoredKind.values()) {
            bytes.put(kind, fields.getOrDefault(BYTES + kind.key(), 0L));
            seconds.put(kind, fields.getOrDefault(SECONDS + kind.key(), 0L));
            millis.put(kind, fields.getOrDefault(MILLIS + kind.key(), 0L));
        }
        fields.forEach((name, value) -> {
            if (name.startsWith(STATUS)) {
                statuses.put(name.substring(STATUS.length()), value);
            }
        });
        return new DayDelta(day, bytes, seconds, millis, statuses);
    }

    private static Map<StoredKind, Long> sorted(Map<StoredKind, Long> values) {
        Map<StoredKind, Long> copy = new EnumMap<>(StoredKind.class);
        values.forEach((kind, value) -> {
            if (value != 0) {
                copy.put(kind, value);
            }
        });
        return copy;
    }

    private static Map<StoredKind, Long> add(Map<StoredKind, Long> a, Map<StoredKind, Long> b) {
        Map<StoredKind, Long> sum = new EnumMap<>(StoredKind.class);
        sum.putAll(a);
        b.forEach((kind, value) -> sum.merge(kind, value, Long::sum));
        return sum;
    }

    private static Map<String, Long> addStatuses(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> sum = new TreeMap<>(a);
        b.forEach((status, value) -> sum.merge(status, value, Long::sum));
        return sum;
    }
}
