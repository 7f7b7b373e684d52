package com.contoso.media.secrets;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Key wrapping with a local 256-bit AES key (AES Key Wrap, RFC 3394): a developer's machine and the tests, where
 * the key is a file beside the data rather than a Key Vault key. Its id is a fingerprint of the key, so a value
 * sealed under another key file says so instead of failing obscurely.
 */
public final class AesKeyWrapping implements KeyWrapping {

    private static final int KEY_BYTES = 32;

    private final SecretKey key;
    private final String keyId;

    public AesKeyWrapping(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("The key must be " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = "local-aes:" + fingerprint(key);
    }

    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Override
    public Wrapped wrap(byte[] dataKey) {
        try {
            Cipher cipher = Cipher.getInstance("AESWrap");
            cipher.init(Cipher.WRAP_MODE, key);
            return new Wrapped(keyId, cipher.wrap(new SecretKeySpec(dataKey, "AES")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Wrapping a data key failed", e);
        }
    }

    @Override
    public byte[] unwrap(String wrappingKeyId, byte[] wrappedKey) {
        if (!keyId.equals(wrappingKeyId)) {
            throw new IllegalStateException("Sealed with key " + wrappingKeyId + ", not this one (" + keyId + ")");
        }
        try {
            Cipher cipher = Cipher.getInstance("AESWrap");
            cipher.init(Cipher.UNWRAP_MODE, key);
            return cipher.unwrap(wrappedKey, "AES", Cipher.SECRET_KEY).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unwrapping a data key failed", e);
        }
    }

    private static String fingerprint(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
