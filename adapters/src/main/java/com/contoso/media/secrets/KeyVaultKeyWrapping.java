package com.contoso.media.secrets;

import com.azure.core.credential.TokenCredential;
import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.models.KeyWrapAlgorithm;
import com.azure.security.keyvault.keys.cryptography.models.WrapResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key-encryption key in Azure: an RSA key in Key Vault, used through the app's managed identity (the role
 * "Key Vault Crypto User", in Bicep). Wrapping uses the key's current version and records it, so after the key is
 * rotated older values still unwrap with the version that wrapped them. Only the data keys travel; the RSA key
 * never leaves the vault.
 */
public final class KeyVaultKeyWrapping implements KeyWrapping {

    private static final KeyWrapAlgorithm ALGORITHM = KeyWrapAlgorithm.RSA_OAEP_256;

    private final String keyId;
    private final TokenCredential credential;
    private final Map<String, CryptographyClient> clients = new ConcurrentHashMap<>();

    /** {@code keyId}: the key's URL without a version, {@code https://<vault>.vault.azure.net/keys/<name>}. */
    public KeyVaultKeyWrapping(String keyId, TokenCredential credential) {
        this.keyId = keyId;
        this.credential = credential;
    }

    @Override
    public Wrapped wrap(byte[] dataKey) {
        WrapResult result = client(keyId).wrapKey(ALGORITHM, dataKey);
        return new Wrapped(result.getKeyId(), result.getEncryptedKey());
    }

    @Override
    public byte[] unwrap(String wrappingKeyId, byte[] wrappedKey) {
        return client(wrappingKeyId).unwrapKey(ALGORITHM, wrappedKey).getKey();
    }

    private CryptographyClient client(String id) {
        return clients.computeIfAbsent(id, key -> new CryptographyClientBuilder().keyIdentifier(key)
                .credential(credential).buildClient());
    }
}
