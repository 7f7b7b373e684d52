package com.contoso.media.secrets;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A key service in memory, for unit tests: "wrapping" a data key files it under a random handle, which is what
 * the sealed value keeps; another instance (another key) knows none of its handles.
 */
public final class InMemoryKeyWrapping implements KeyWrapping {

    private final String keyId = "in-memory:" + UUID.randomUUID();
    private final Map<ByteBuffer, byte[]> dataKeys = new ConcurrentHashMap<>();

    @Override
    public Wrapped wrap(byte[] dataKey) {
        UUID handle = UUID.randomUUID();
        byte[] wrapped = ByteBuffer.allocate(16).putLong(handle.getMostSignificantBits())
                .putLong(handle.getLeastSignificantBits()).array();
        dataKeys.put(ByteBuffer.wrap(wrapped), dataKey.clone());
        return new Wrapped(keyId, wrapped);
    }

    @Override
    public byte[] unwrap(String wrappingKeyId, byte[] wrappedKey) {
        byte[] dataKey = dataKeys.get(ByteBuffer.wrap(wrappedKey));
        if (!keyId.equals(wrappingKeyId) || dataKey == null) {
            throw new IllegalStateException("Sealed with key " + wrappingKeyId + ", not this one (" + keyId + ")");
        }
        return dataKey.clone();
    }
}
