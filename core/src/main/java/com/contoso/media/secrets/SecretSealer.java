package com.contoso.media.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of small secrets (webhook signing secrets): each is encrypted with a fresh 256-bit data key
 * (AES-GCM, the owner's id as associated data, so a sealed value copied to another tenant's record does not open),
 * and the data key is wrapped by the key-encryption key ({@link KeyWrapping}), which lives elsewhere. A reader of
 * the store alone learns nothing. Sealed form: {@code env1.<key id>.<wrapped key>.<iv>.<ciphertext>}, base64url.
 * Opened values are cached (bounded), so signing a delivery costs no call to the key's home.
 */
public final class SecretSealer {

    private static final String PREFIX = "env1";
    private static final String UNSEALED_PREFIX = "whsec_";
    private static final int DATA_KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int CACHE_SIZE = 1024;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final KeyWrapping keys;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> opened = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHE_SIZE;
        }
    });

    public SecretSealer(KeyWrapping keys) {
        this.keys = keys;
    }

    public String seal(String owner, String secret) {
        byte[] dataKey = new byte[DATA_KEY_BYTES];
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(dataKey);
        random.nextBytes(iv);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, dataKey, iv, owner, secret.getBytes(StandardCharsets.UTF_8));
        KeyWrapping.Wrapped wrapped = keys.wrap(dataKey);
        return String.join(".", PREFIX, ENCODER.encodeToString(wrapped.keyId().getBytes(StandardCharsets.UTF_8)),
                ENCODER.encodeToString(wrapped.wrappedKey()), ENCODER.encodeToString(iv),
                ENCODER.encodeToString(ciphertext));
    }

    public String open(String owner, String sealed) {
        String cacheKey = owner + "\n" + sealed;
        String cached = opened.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        if (sealed.startsWith(UNSEALED_PREFIX)) {
            return sealed; // stored before sealing existed; sealed at the endpoint's next rotation
        }
        String[] parts = sealed.split("\\.");
        if (parts.length != 5 || !parts[0].equals(PREFIX)) {
            throw new IllegalStateException("Not a sealed secret of a known format");
        }
        byte[] dataKey = keys.unwrap(new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8),
                DECODER.decode(parts[2]));
        String secret = new String(crypt(Cipher.DECRYPT_MODE, dataKey, DECODER.decode(parts[3]), owner,
                DECODER.decode(parts[4])), StandardCharsets.UTF_8);
        opened.put(cacheKey, secret);
        return secret;
    }

    private static byte[] crypt(int mode, byte[] dataKey, byte[] iv, String owner, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed secret does not open: wrong key or another owner's", e);
        }
    }
}
