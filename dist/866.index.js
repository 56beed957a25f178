"use strict";
exports.id = 866;
exports.ids = [866];
exports.modules = {

/***/ 68866:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BUNDLE_IN_ARTIFACT: () => (/* binding */ BUNDLE_IN_ARTIFACT),
/* harmony export */   artifactBundleSource: () => (/* binding */ artifactBundleSource)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/**
 * The bundle of an earlier run, back from its workflow artifact (mode reconcile's BundleSource).
 * Another run's artifact goes through the public REST API (`findBy`), which needs a token with
 * `actions: read`.
 */


/** The bundle's name inside the deploy artifact (github/artifact.ts uploads it from the work dir). */
const BUNDLE_IN_ARTIFACT = 'bundle.tar.gz';
/** Not found (never uploaded, deleted) or gone (410: retention expired): no retry brings it back. */
function gone(err) {
    const e = err;
    return e.name === 'ArtifactNotFoundError' || e.status === 404 || e.status === 410;
}
/** A token the API refuses: the job lacks the permission to read another run's artifacts. */
function refused(err) {
    const status = err.status;
    return status === 401 || status === 403
        ? ". The job's token may not read this run's artifacts: give the job `permissions: actions: read` (and pass github-token if it is not the job's)."
        : '';
}
function artifactBundleSource(client, o) {
    return {
        fetch: async ({ runId, artifactName }, dir) => {
            const [owner, repo] = (o.repository ?? '').split('/');
            if (!o.token || !owner || !repo)
                throw new Error('Could not download the release artifact: no github-token or repository (run mode reconcile inside GitHub Actions, with permissions actions: read).');
            const findBy = {
                token: o.token,
                workflowRunId: Number(runId),
                repositoryOwner: owner,
                repositoryName: repo,
            };
            const where = `artifact '${artifactName}' of run ${runId}`;
            try {
                const { artifact } = await client.getArtifact(artifactName, { findBy });
                await client.downloadArtifact(artifact.id, { findBy, path: dir });
            }
            catch (err) {
                if (gone(err))
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ArtifactGoneError */ .ev(`The ${where} no longer exists (its retention ended, it was deleted, or that run's upload failed: see its log), so the release cannot be rebuilt: redeploy (mode: deploy) to upload it again, and keep artifact-retention-days at least as long as the fleet lives. ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)}`);
                throw new Error(`Could not download the ${where}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)}${refused(err)}`, {
                    cause: err,
                });
            }
            return (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(dir, BUNDLE_IN_ARTIFACT);
        },
    };
}


/***/ })

};
;