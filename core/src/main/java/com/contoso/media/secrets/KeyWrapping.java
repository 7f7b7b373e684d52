package com.contoso.media.secrets;

/**
 * Port: the key-encryption key, kept outside the store that holds what it protects (a Key Vault key in Azure, a
 * key file on a developer's machine). It only wraps and unwraps the small data keys that {@link SecretSealer}
 * makes; the key itself never leaves its home.
 */
public interface KeyWrapping {

    /** A data key wrapped by the current key, and that key's id (with its version) for unwrapping later. */
    record Wrapped(String keyId, byte[] wrappedKey) {
    }

    Wrapped wrap(byte[] dataKey);

    /** Unwraps with the key that wrapped it, which may be an older version than today's. */
    byte[] unwrap(String keyId, byte[] wrappedKey);
}
