"use strict";
exports.id = 201;
exports.ids = [201];
exports.modules = {

/***/ 40201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ec2Clients: () => (/* binding */ ec2Clients)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(35193);

/**
 * One EC2 client per region, made on first use. Credentials and endpoints come from the
 * environment the SDK reads (aws-actions/configure-aws-credentials, `AWS_ENDPOINT_URL_EC2`).
 * Built by the entry points and passed down, never on import.
 */
function ec2Clients() {
    const clients = new Map();
    return {
        get: (region) => {
            let c = clients.get(region);
            if (!c) {
                // The SDK's own retries absorb short throttling bursts; the launcher backs off beyond that.
                c = new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_0__/* .EC2Client */ .gu5({ region, maxAttempts: 5, retryMode: 'adaptive' });
                clients.set(region, c);
            }
            return c;
        },
        destroy: () => {
            for (const c of clients.values())
                c.destroy();
            clients.clear();
        },
    };
}


/***/ })

};
;