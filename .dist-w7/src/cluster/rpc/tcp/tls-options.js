export function serverTlsOptions(tls) {
    const requireClientCert = tls.requireClientCert ?? tls.ca !== undefined;
    return {
        cert: tls.cert,
        key: tls.key,
        ca: tls.ca,
        requestCert: requireClientCert,
        rejectUnauthorized: requireClientCert,
    };
}
//# sourceMappingURL=tls-options.js.map