"use strict";
exports.id = 921;
exports.ids = [921,727];
exports.modules = {

/***/ 10727:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPlan: () => (/* binding */ runPlan)
});

// EXTERNAL MODULE: ./src/keys.ts + 1 modules
var keys = __webpack_require__(47243);
// EXTERNAL MODULE: ./src/inputs/plan.ts
var inputs_plan = __webpack_require__(37786);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/core/dist-es/submodules/client/util-endpoints/lib/aws/partitions.js
const partitionsInfo = {
    "partitions": [
        {
            "id": "aws",
            "outputs": {
                "dnsSuffix": "amazonaws.com",
                "dualStackDnsSuffix": "api.aws",
                "implicitGlobalRegion": "us-east-1",
                "name": "aws",
                "supportsDualStack": true,
                "supportsFIPS": true
            },
            "regionRegex": "^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$",
            "regions": {
                "af-south-1": {
                    "description": "Africa (Cape Town)"
                },
                "ap-east-1": {
                    "description": "Asia Pacific (Hong Kong)"
                },
                "ap-east-2": {
                    "description": "Asia Pacific (Taipei)"
                },
                "ap-northeast-1": {
                    "description": "Asia Pacific (Tokyo)"
                },
                "ap-northeast-2": {
                    "description": "Asia Pacific (Seoul)"
                },
                "ap-northeast-3": {
                    "description": "Asia Pacific (Osaka)"
                },
                "ap-south-1": {
                    "description": "Asia Pacific (Mumbai)"
                },
                "ap-south-2": {
                    "description": "Asia Pacific (Hyderabad)"
                },
                "ap-southeast-1": {
                    "description": "Asia Pacific (Singapore)"
                },
                "ap-southeast-2": {
                    "description": "Asia Pacific (Sydney)"
                },
                "ap-southeast-3": {
                    "description": "Asia Pacific (Jakarta)"
                },
                "ap-southeast-4": {
                    "description": "Asia Pacific (Melbourne)"
                },
                "ap-southeast-5": {
                    "description": "Asia Pacific (Malaysia)"
                },
                "ap-southeast-6": {
                    "description": "Asia Pacific (New Zealand)"
                },
                "ap-southeast-7": {
                    "description": "Asia Pacific (Thailand)"
                },
                "aws-global": {
                    "description": "aws global region"
                },
                "ca-central-1": {
                    "description": "Canada (Central)"
                },
                "ca-west-1": {
                    "description": "Canada West (Calgary)"
                },
                "eu-central-1": {
                    "description": "Europe (Frankfurt)"
                },
                "eu-central-2": {
                    "description": "Europe (Zurich)"
                },
                "eu-north-1": {
                    "description": "Europe (Stockholm)"
                },
                "eu-south-1": {
                    "description": "Europe (Milan)"
                },
                "eu-south-2": {
                    "description": "Europe (Spain)"
                },
                "eu-west-1": {
                    "description": "Europe (Ireland)"
                },
                "eu-west-2": {
                    "description": "Europe (London)"
                },
                "eu-west-3": {
                    "description": "Europe (Paris)"
                },
                "il-central-1": {
                    "description": "Israel (Tel Aviv)"
                },
                "me-central-1": {
                    "description": "Middle East (UAE)"
                },
                "me-south-1": {
                    "description": "Middle East (Bahrain)"
                },
                "me-west-1": {
                    "description": "Middle East (Saudi Arabia)"
                },
                "mx-central-1": {
                    "description": "Mexico (Central)"
                },
                "sa-east-1": {
                    "description": "South America (Sao Paulo)"
                },
                "sa-west-1": {
                    "description": "South America (Chile)"
                },
                "us-east-1": {
                    "description": "US East (N. Virginia)"
                },
                "us-east-2": {
                    "description": "US East (Ohio)"
                },
                "us-west-1": {
                    "description": "US West (N. California)"
                },
                "us-west-2": {
                    "description": "US West (Oregon)"
                }
            }
        },
        {
            "id": "aws-cn",
            "outputs": {
                "dnsSuffix": "amazonaws.com.cn",
                "dualStackDnsSuffix": "api.amazonwebservices.com.cn",
                "implicitGlobalRegion": "cn-northwest-1",
                "name": "aws-cn",
                "supportsDualStack": true,
                "supportsFIPS": true
            },
            "regionRegex": "^cn\\-\\w+\\-\\d+$",
            "regions": {
                "aws-cn-global": {
                    "description": "aws-cn global region"
                },
                "cn-north-1": {
                    "description": "China (Beijing)"
                },
                "cn-northwest-1": {
                    "description": "China (Ningxia)"
                }
            }
        },
        {
            "id": "aws-eusc",
            "outputs": {
                "dnsSuffix": "amazonaws.eu",
                "dualStackDnsSuffix": "api.amazonwebservices.eu",
                "implicitGlobalRegion": "eusc-de-east-1",
                "name": "aws-eusc",
                "supportsDualStack": true,
                "supportsFIPS": true
            },
            "regionRegex": "^eusc\\-(de)\\-\\w+\\-\\d+$",
            "regions": {
                "eusc-de-east-1": {
                    "description": "AWS European Sovereign Cloud (Germany)"
                }
            }
        },
        {
            "id": "aws-iso",
            "outputs": {
                "dnsSuffix": "c2s.ic.gov",
                "dualStackDnsSuffix": "api.aws.ic.gov",
                "implicitGlobalRegion": "us-iso-east-1",
                "name": "aws-iso",
                "supportsDualStack": true,
                "supportsFIPS": true
            },
            "regionRegex": "^us\\-iso\\-\\w+\\-\\d+$",
            "regions": {
                "aws-iso-global": {
                    "description": "aws-iso global region"
                },
                "us-iso-east-1": {
                    "description": "US ISO East"
                },
                "us-iso-west-1": {
                    "description": "US ISO WEST"
                }
            }
        },
        {
            "id": "aws-iso-b",
            "outputs": {
                "dnsSuffix": "sc2s.sgov.gov",
                "dualStackDnsSuffix": "api.aws.scloud",
                "implicitGlobalRegion": "us-isob-east-1",
                "name": "aws-iso-b",
                "supportsDualStack": true,
                "supportsFIPS": true
            },
            "regionRegex": "^us\\-isob\\-\\w+\\-\\d+$",
            "regions": {
                "aws-iso-b-global": {
                    "description": "aws-iso-b global region"
                },
                "us-isob-east-1": {
                    "description": "US ISOB East (Ohio)"
                },
                "us-isob-west-1": {
                    "description": "US ISOB West"
                }
            }
        },
        {
            "id": "aws-iso-e",
            "outputs": {
                "dnsSuffix": "cloud.adc-e.uk",
                "dualStackDnsSuffix": "api.cloud-aws.adc-e.uk",
                "implicitGlobalRegion": "eu-isoe-west-1",
                "name": "aws-iso-e",
                "supportsDualStack": true,
                "supportsFIPS": true
            },
            "regionRegex": "^eu\\-isoe\\-\\w+\\-\\d+$",
            "regions": {
                "aws-iso-e-global": {
                    "description": "aws-iso-e global region"
                },
                "eu-isoe-west-1": {
                    "description": "EU ISOE West"
                }
            }
        },
        {
            "id": "aws-iso-f",
            "outputs": {
                "dnsSuffix": "csp.hci.ic.gov",
                "dualStackDnsSuffix": "api.aws.hci.ic.gov",
                "implicitGlobalRegion": "us-isof-south-1",
                "name": "aws-iso-f",
                "supportsDualStack": true,
                "supportsFIPS": true
            },
            "regionRegex": "^us\\-isof\\-\\w+\\-\\d+$",
            "regions": {
                "aws-iso-f-global": {
                    "description": "aws-iso-f global region"
                },
                "us-isof-east-1": {
                    "description": "US ISOF EAST"
                },
                "us-isof-south-1": {
                    "description": "US ISOF SOUTH"
                }
            }
        },
        {
            "id": "aws-us-gov",
            "outputs": {
                "dnsSuffix": "amazonaws.com",
                "dualStackDnsSuffix": "api.aws",
                "implicitGlobalRegion": "us-gov-west-1",
                "name": "aws-us-gov",
                "supportsDualStack": true,
                "supportsFIPS": true
            },
            "regionRegex": "^us\\-gov\\-\\w+\\-\\d+$",
            "regions": {
                "aws-us-gov-global": {
                    "description": "aws-us-gov global region"
                },
                "us-gov-east-1": {
                    "description": "AWS GovCloud (US-East)"
                },
                "us-gov-west-1": {
                    "description": "AWS GovCloud (US-West)"
                }
            }
        }
    ],
    "version": "1.1"
};

;// CONCATENATED MODULE: ./src/inputs/instance-type-names.ts
// Generated by scripts/gen-instance-types.mjs from @aws-sdk/client-ec2's `_InstanceType`: run
// `npm run gen:instance-types` after updating the SDK (__tests__/unit/inputs/known-names.test.ts
// fails until then). Do not edit.
//
// One family per line, then its sizes: `a1 large metal` is a1.large and a1.metal.
const INSTANCE_TYPE_FAMILIES = `
a1 2xlarge 4xlarge large medium metal xlarge
c1 medium xlarge
c3 2xlarge 4xlarge 8xlarge large xlarge
c4 2xlarge 4xlarge 8xlarge large xlarge
c5 12xlarge 18xlarge 24xlarge 2xlarge 4xlarge 9xlarge large metal xlarge
c5a 12xlarge 16xlarge 24xlarge 2xlarge 4xlarge 8xlarge large xlarge
c5ad 12xlarge 16xlarge 24xlarge 2xlarge 4xlarge 8xlarge large xlarge
c5d 12xlarge 18xlarge 24xlarge 2xlarge 4xlarge 9xlarge large metal xlarge
c5n 18xlarge 2xlarge 4xlarge 9xlarge large metal xlarge
c6a 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge large metal xlarge
c6g 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large medium metal xlarge
c6gd 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large medium metal xlarge
c6gn 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large medium xlarge
c6i 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 4xlarge 8xlarge large metal xlarge
c6id 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 4xlarge 8xlarge large metal xlarge
c6in 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 4xlarge 8xlarge large metal xlarge
c7a 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge large medium metal-48xl xlarge
c7g 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large medium metal xlarge
c7gd 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large medium metal xlarge
c7gn 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large medium metal xlarge
c7i 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large metal-24xl metal-48xl xlarge
c7i-flex 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large xlarge
c8a 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
c8g 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
c8gb 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
c8gd 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
c8gn 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
c8i 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large metal-48xl metal-96xl xlarge
c8i-flex 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large xlarge
c8ib 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large metal-48xl metal-96xl xlarge
c8id 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large metal-48xl metal-96xl xlarge
c8in 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large metal-48xl metal-96xl xlarge
c8ine 12xlarge 2xlarge 4xlarge 8xlarge large xlarge
c9g 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-48xl xlarge
c9gd 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-48xl xlarge
cc1 4xlarge
cc2 8xlarge
cg1 4xlarge
cr1 8xlarge
d2 2xlarge 4xlarge 8xlarge xlarge
d3 2xlarge 4xlarge 8xlarge xlarge
d3en 12xlarge 2xlarge 4xlarge 6xlarge 8xlarge xlarge
dl1 24xlarge
dl2q 24xlarge
f1 16xlarge 2xlarge 4xlarge
f2 12xlarge 48xlarge 6xlarge
g2 2xlarge 8xlarge
g3 16xlarge 4xlarge 8xlarge
g3s xlarge
g4ad 16xlarge 2xlarge 4xlarge 8xlarge xlarge
g4dn 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge metal xlarge
g5 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge xlarge
g5g 16xlarge 2xlarge 4xlarge 8xlarge metal xlarge
g6 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge xlarge
g6e 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge xlarge
g6f 2xlarge 4xlarge large xlarge
g7 12xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge
g7e 12xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge
gr6 4xlarge 8xlarge
gr6f 4xlarge
h1 16xlarge 2xlarge 4xlarge 8xlarge
hi1 4xlarge
hpc6a 48xlarge
hpc6id 32xlarge
hpc7a 12xlarge 24xlarge 48xlarge 96xlarge
hpc7g 16xlarge 4xlarge 8xlarge
hpc8a 96xlarge
hs1 8xlarge
i2 2xlarge 4xlarge 8xlarge xlarge
i3 16xlarge 2xlarge 4xlarge 8xlarge large metal xlarge
i3en 12xlarge 24xlarge 2xlarge 3xlarge 6xlarge large metal xlarge
i4g 16xlarge 2xlarge 4xlarge 8xlarge large xlarge
i4i 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 4xlarge 8xlarge large metal xlarge
i7i 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large metal-24xl metal-48xl xlarge
i7ie 12xlarge 18xlarge 24xlarge 2xlarge 3xlarge 48xlarge 6xlarge large metal-24xl metal-48xl xlarge
i8g 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large metal-24xl metal-48xl xlarge
i8ge 12xlarge 18xlarge 24xlarge 2xlarge 3xlarge 48xlarge 6xlarge large metal-24xl metal-48xl xlarge
im4gn 16xlarge 2xlarge 4xlarge 8xlarge large xlarge
inf1 24xlarge 2xlarge 6xlarge xlarge
inf2 24xlarge 48xlarge 8xlarge xlarge
is4gen 2xlarge 4xlarge 8xlarge large medium xlarge
m1 large medium small xlarge
m2 2xlarge 4xlarge xlarge
m3 2xlarge large medium xlarge
m4 10xlarge 16xlarge 2xlarge 4xlarge large xlarge
m5 12xlarge 16xlarge 24xlarge 2xlarge 4xlarge 8xlarge large metal xlarge
m5a 12xlarge 16xlarge 24xlarge 2xlarge 4xlarge 8xlarge large xlarge
m5ad 12xlarge 16xlarge 24xlarge 2xlarge 4xlarge 8xlarge large xlarge
m5d 12xlarge 16xlarge 24xlarge 2xlarge 4xlarge 8xlarge large metal xlarge
m5dn 12xlarge 16xlarge 24xlarge 2xlarge 4xlarge 8xlarge large metal xlarge
m5n 12xlarge 16xlarge 24xlarge 2xlarge 4xlarge 8xlarge large metal xlarge
m5zn 12xlarge 2xlarge 3xlarge 6xlarge large metal xlarge
m6a 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge large metal xlarge
m6g 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large medium metal xlarge
m6gd 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large medium metal xlarge
m6i 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 4xlarge 8xlarge large metal xlarge
m6id 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 4xlarge 8xlarge large metal xlarge
m6idn 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 4xlarge 8xlarge large metal xlarge
m6in 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 4xlarge 8xlarge large metal xlarge
m7a 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge large medium metal-48xl xlarge
m7g 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large medium metal xlarge
m7gd 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large medium metal xlarge
m7i 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large metal-24xl metal-48xl xlarge
m7i-flex 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large xlarge
m8a 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
m8azn 12xlarge 24xlarge 3xlarge 6xlarge large medium metal-12xl metal-24xl xlarge
m8g 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
m8gb 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
m8gd 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
m8gn 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
m8i 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large metal-48xl metal-96xl xlarge
m8i-flex 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large xlarge
m8ib 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large metal-48xl metal-96xl xlarge
m8id 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large metal-48xl metal-96xl xlarge
m8idb 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large metal-48xl metal-96xl xlarge
m8idn 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large metal-48xl metal-96xl xlarge
m8in 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large metal-48xl metal-96xl xlarge
m8ine 12xlarge 2xlarge 4xlarge 8xlarge large xlarge
m9g 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
m9gd 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
mac-m3ultra metal
mac-m4 metal
mac-m4max metal
mac-m4pro metal
mac1 metal
mac2 metal
mac2-m1ultra metal
mac2-m2 metal
mac2-m2pro metal
p2 16xlarge 8xlarge xlarge
p3 16xlarge 2xlarge 8xlarge
p3dn 24xlarge
p4d 24xlarge
p4de 24xlarge
p5 48xlarge 4xlarge
p5e 48xlarge
p5en 48xlarge
p6-b200 48xlarge
p6-b300 48xlarge
p6e-gb200 36xlarge
r3 2xlarge 4xlarge 8xlarge large xlarge
r4 16xlarge 2xlarge 4xlarge 8xlarge large xlarge
r5 12xlarge 16xlarge 24xlarge 2xlarge 4xlarge 8xlarge large metal xlarge
r5a 12xlarge 16xlarge 24xlarge 2xlarge 4xlarge 8xlarge large xlarge
r5ad 12xlarge 16xlarge 24xlarge 2xlarge 4xlarge 8xlarge large xlarge
r5b 12xlarge 16xlarge 24xlarge 2xlarge 4xlarge 8xlarge large metal xlarge
r5d 12xlarge 16xlarge 24xlarge 2xlarge 4xlarge 8xlarge large metal xlarge
r5dn 12xlarge 16xlarge 24xlarge 2xlarge 4xlarge 8xlarge large metal xlarge
r5n 12xlarge 16xlarge 24xlarge 2xlarge 4xlarge 8xlarge large metal xlarge
r6a 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge large metal xlarge
r6g 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large medium metal xlarge
r6gd 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large medium metal xlarge
r6i 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 4xlarge 8xlarge large metal xlarge
r6id 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 4xlarge 8xlarge large metal xlarge
r6idn 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 4xlarge 8xlarge large metal xlarge
r6in 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 4xlarge 8xlarge large metal xlarge
r7a 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge large medium metal-48xl xlarge
r7g 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large medium metal xlarge
r7gd 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large medium metal xlarge
r7i 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large metal-24xl metal-48xl xlarge
r7iz 12xlarge 16xlarge 2xlarge 32xlarge 4xlarge 8xlarge large metal-16xl metal-32xl xlarge
r8a 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
r8g 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
r8gb 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
r8gd 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
r8gn 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
r8i 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large metal-48xl metal-96xl xlarge
r8i-flex 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large xlarge
r8ib 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large metal-48xl metal-96xl xlarge
r8id 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large metal-48xl metal-96xl xlarge
r8idb 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large metal-48xl metal-96xl xlarge
r8idn 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large metal-48xl metal-96xl xlarge
r8in 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 8xlarge 96xlarge large metal-48xl metal-96xl xlarge
r9g 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-48xl xlarge
r9gd 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-48xl xlarge
t1 micro
t2 2xlarge large medium micro nano small xlarge
t3 2xlarge large medium micro nano small xlarge
t3a 2xlarge large medium micro nano small xlarge
t4g 2xlarge large medium micro nano small xlarge
t8i medium micro nano small
trn1 2xlarge 32xlarge
trn1n 32xlarge
trn2 3xlarge 48xlarge
trn2u 48xlarge
u-12tb1 112xlarge metal
u-18tb1 112xlarge metal
u-24tb1 112xlarge metal
u-3tb1 56xlarge
u-6tb1 112xlarge 56xlarge metal
u-9tb1 112xlarge metal
u7i-12tb 224xlarge
u7i-6tb 112xlarge
u7i-8tb 112xlarge
u7ib-12tb 224xlarge
u7in-16tb 224xlarge
u7in-24tb 224xlarge
u7in-32tb 224xlarge
u7inh-32tb 480xlarge
vt1 24xlarge 3xlarge 6xlarge
x1 16xlarge 32xlarge
x1e 16xlarge 2xlarge 32xlarge 4xlarge 8xlarge xlarge
x2gd 12xlarge 16xlarge 2xlarge 4xlarge 8xlarge large medium metal xlarge
x2idn 16xlarge 24xlarge 32xlarge metal
x2iedn 16xlarge 24xlarge 2xlarge 32xlarge 4xlarge 8xlarge metal xlarge
x2iezn 12xlarge 2xlarge 4xlarge 6xlarge 8xlarge metal
x8aedz 12xlarge 24xlarge 3xlarge 6xlarge large metal-12xl metal-24xl xlarge
x8g 12xlarge 16xlarge 24xlarge 2xlarge 48xlarge 4xlarge 8xlarge large medium metal-24xl metal-48xl xlarge
x8i 12xlarge 16xlarge 24xlarge 2xlarge 32xlarge 48xlarge 4xlarge 64xlarge 8xlarge 96xlarge large metal-48xl metal-96xl xlarge
z1d 12xlarge 2xlarge 3xlarge 6xlarge large metal xlarge
`;

;// CONCATENATED MODULE: ./src/inputs/known-names.ts
/**
 * Whether the AWS SDK bundled with the action knows a region or an instance type, from its own
 * data (no call). Unknown is a warning in `mode: plan`, never an error: AWS adds regions and types
 * faster than the action is rebuilt, and the form of each name is already checked (ec2-rules.ts).
 */
// The SDK's partition table alone (tsconfig.json `paths`: ncc and vitest apply it), not `@aws-sdk/core/client` (0.5 MB
// in dist/, ~25 ms of mode plan's start): its exports map has no path to the table itself.
// __tests__/unit/inputs/known-names.test.ts checks both answer alike for every region.

// The SDK's instance types as text (scripts/gen-instance-types.mjs), not its enums module: that
// is 0.15 MB of code for every EC2 enum, ~10 % of mode plan's start (docs/architecture.md,
// "Start-up"). __tests__/unit/inputs/known-names.test.ts checks it is the SDK's table.

const KNOWN_TYPES = new Set(INSTANCE_TYPE_FAMILIES.trim()
    .split('\n')
    .flatMap((line) => {
    const [family, ...sizes] = line.split(' ');
    return sizes.map((size) => `${family}.${size}`);
}));
const KNOWN_REGIONS = new Set(partitionsInfo.partitions.flatMap((p) => Object.keys(p.regions)));
/**
 * The SDK's partition data lists known regions (each with a description); a merely well-formed
 * name only matches a partition's pattern. The `aws-global` style pseudo-regions are listed too.
 */
function isKnownRegion(region) {
    return KNOWN_REGIONS.has(region);
}
function isKnownInstanceType(instanceType) {
    return KNOWN_TYPES.has(instanceType);
}
/** One warning per region and instance type the SDK does not know (typos, or very new names). */
function unknownNameWarnings(regions, instanceTypes) {
    const what = (kind, name, input) => `${kind} '${name}' (input \`${input}\`) is not one the AWS SDK in this action knows: check the spelling; if it is new, a deploy will tell whether EC2 accepts it.`;
    return [
        ...regions.filter((r) => !isKnownRegion(r)).map((r) => what('region', r, 'regions')),
        ...instanceTypes
            .filter((t) => !isKnownInstanceType(t))
            .map((t) => what('instance type', t, 'instance-types')),
    ];
}

// EXTERNAL MODULE: ./src/inputs/runner-ip.ts
var runner_ip = __webpack_require__(49021);
// EXTERNAL MODULE: ./src/modes/prepare.ts + 3 modules
var prepare = __webpack_require__(4196);
// EXTERNAL MODULE: ./src/cloud-init/render.ts + 2 modules
var render = __webpack_require__(48388);
// EXTERNAL MODULE: ./src/aws/launch-options.ts
var launch_options = __webpack_require__(44961);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(54285);
;// CONCATENATED MODULE: ./src/report/plan-summary.ts




/** The step summary of a dry run: what a deploy with these inputs would launch and send. */
function renderPlanSummary(plan, userData, bundle) {
    const i = plan.inputs;
    const rows = plan.regions.map((r) => `| ${(0,markdown/* cell */.Hn)(r.region)} | ${r.count === 0 ? '0 (fallback)' : r.count} | ${(0,markdown/* cell */.Hn)(i.instanceTypes.join(', '))} | ${(0,markdown/* cell */.Hn)(i.amiByRegion[r.region] ?? i.ami)} (${i.architecture}) |`);
    const parts = userData.parts.map((p) => `| ${(0,markdown/* cell */.Hn)(p.name)} | ${p.bytes} |`);
    const lines = [
        `## spot-deploy plan: \`${plan.deploymentId}\``,
        '',
        'Dry run: nothing was launched. A deploy with these inputs would start:',
        '',
        '| region | instances | instance types (spot) | image |',
        '|---|---|---|---|',
        ...rows,
        '',
        `Total **${i.count}** instance(s), ready needed: ${i.minReady}; on-demand fallback: ${i.onDemandFallback ? 'yes' : 'no'}; max price: ${i.maxPrice ? `$${i.maxPrice}/h` : 'on-demand price'}; time to live: ${i.ttlMinutes === 0 ? 'none' : `${i.ttlMinutes} min`}${plan.expiresAt ? ` (until ${plan.expiresAt})` : ''}; cleanup: ${i.cleanup}.`,
        '',
        ...launchOptionLines(i),
        `SSH (TCP ${i.sshPort}) open to: ${(0,runner_ip/* sshAccessText */.yy)(i)}.`,
        ...(i.securityGroupIds.length === 0 && (0,runner_ip/* worldOpenWarning */.t0)(i.sshCidrs, i.sshPort)
            ? ['', `> [!WARNING]`, `> ${(0,runner_ip/* worldOpenWarning */.t0)(i.sshCidrs, i.sshPort) ?? ''}`]
            : []),
        '',
        '| size | value | limit | used |',
        '|---|---|---|---|',
        `| user-data${userData.gzipped ? ' (gzip)' : ''} | ${userData.bytes} B | ${render/* USER_DATA_LIMIT */.z4} B | ${(0,markdown/* percent */.KN)(userData.bytes, render/* USER_DATA_LIMIT */.z4)} |`,
        `| bundle content | ${(0,markdown/* formatBytes */.z3)(bundle.treeBytes)} in ${bundle.fileCount} files | ${(0,markdown/* formatBytes */.z3)(i.bundleMaxBytes)} | ${(0,markdown/* percent */.KN)(bundle.treeBytes, i.bundleMaxBytes)} |`,
        `| bundle archive | ${(0,markdown/* formatBytes */.z3)(bundle.bytes)} | | |`,
        '',
        `Bundle sha256: \`${bundle.sha256}\``,
        '',
        '<details><summary>user-data bytes by part</summary>',
        '',
        '| part | bytes |',
        '|---|---|',
        ...parts,
        '',
        '</details>',
        '',
    ];
    return lines.join('\n');
}
/** Root volume, instance profile and CPU credits as the launch template will carry them. */
function launchOptionLines(i) {
    const v = i.rootVolume;
    const perf = [
        v.iops !== undefined ? `${v.iops} IOPS` : '',
        v.throughputMiBs !== undefined ? `${v.throughputMiBs} MiB/s` : '',
    ].filter(Boolean);
    const volume = `${v.type}, ${v.sizeGiB === undefined ? "the image's size" : `${v.sizeGiB} GiB`}${perf.length ? `, ${perf.join(', ')}` : ''}, encrypted with ${v.kmsKeyId === undefined ? "the account's default EBS key" : `\`${(0,markdown/* cell */.Hn)(v.kmsKeyId)}\``}, deleted with the instance`;
    const profile = i.instanceProfile === undefined
        ? 'none'
        : `\`${(0,markdown/* cell */.Hn)('arn' in i.instanceProfile ? i.instanceProfile.arn : i.instanceProfile.name)}\``;
    const burstable = i.instanceTypes.filter(launch_options/* isBurstable */.dy);
    const credits = burstable.length === 0
        ? 'no burstable type'
        : `${i.cpuCredits} for ${burstable.join(', ')}${burstable.length < i.instanceTypes.length ? ' (the other types have none)' : ''}`;
    return [`Root volume: ${volume}.`, `Instance profile: ${profile}; CPU credits: ${credits}.`];
}

// EXTERNAL MODULE: ./src/report/artifact.ts
var report_artifact = __webpack_require__(80954);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(65468);
// EXTERNAL MODULE: ./src/modes/publisher.ts
var modes_publisher = __webpack_require__(22268);
;// CONCATENATED MODULE: ./src/modes/plan.ts









/** mode: plan — renders user-data and bundle exactly as a deploy would, without any AWS call. */
async function runPlan(inputs, ctx, sink, root, now = new Date(), publisher) {
    const plan = (0,inputs_plan/* buildPlan */.Gg)(inputs, ctx, now);
    // A dry run is where a typo should show: a deploy would only learn it from EC2.
    for (const w of unknownNameWarnings(inputs.regions, inputs.instanceTypes))
        sink.warning(w);
    const open = (0,runner_ip/* worldOpenWarning */.t0)(inputs.sshCidrs, inputs.sshPort);
    if (open !== undefined && inputs.securityGroupIds.length === 0)
        sink.warning(open);
    sink.info(`SSH (TCP ${inputs.sshPort}) open to: ${(0,runner_ip/* sshAccessText */.yy)(inputs)}`);
    // A plan renders with throwaway keys: the real ones are made per deployment at launch.
    const client = inputs.sshPrivateKey ?? (0,keys/* generateEd25519 */.bY)('spot-deploy');
    const host = (0,keys/* generateEd25519 */.bY)('spot-deploy');
    const prepared = await (0,prepare/* prepare */.i)(plan, { client, host }, sink, root);
    const { userData, bundle } = prepared;
    (0,outputs/* setOutputs */.n0)(sink, { ...(0,outputs/* renderedOutputs */.mD)(plan.deploymentId, prepared), ...outputs/* NO_FLEET */.Nk });
    const artifact = publisher ? await publisher.artifact('plan', plan, prepared) : modes_publisher/* NO_ARTIFACT */.B;
    (0,report_artifact/* reportArtifact */.x)(sink, artifact);
    await sink.summary(renderPlanSummary(plan, userData, bundle));
    return { plan, ...prepared };
}


/***/ }),

/***/ 22268:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ NO_ARTIFACT)
/* harmony export */ });
const NO_ARTIFACT = {
    status: 'skipped',
    message: 'artifact: skipped outside GitHub Actions',
};


/***/ }),

/***/ 26490:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S0: () => (/* binding */ writeNewFile),
/* harmony export */   Ul: () => (/* binding */ CREATE_NEW),
/* harmony export */   hI: () => (/* binding */ makePrivateDir),
/* harmony export */   ti: () => (/* binding */ removeIfPresent)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



// Files the action writes on the runner (the user-data with the host private key, the bundle,
// the artifact's copies) live in a directory of the run's own, never at a predictable path in a
// shared temp directory: with /tmp/spot-deploy/<id>/user-data, another user of the machine could
// create that directory first, or plant a symlink there that the action would write through.
/** Created, never reused: fails if anything (a file, a symlink) is already at the path. */
const CREATE_NEW = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_WRONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_CREAT | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_EXCL | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW;
/** A fresh directory (mode 0700, random suffix) named `<prefix>XXXXXX`; its parent is created if missing. */
async function makePrivateDir(prefix) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(prefix), { recursive: true, mode: 0o700 });
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)(prefix);
}
/** Writes a new file (mode 0600 unless given) with CREATE_NEW: never through a symlink, never over a file. */
async function writeNewFile(path, data, mode = 0o600) {
    const fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(path, CREATE_NEW, mode);
    try {
        await fh.writeFile(data);
    }
    finally {
        await fh.close();
    }
}
/** Removes what is at `path` (a stale output, or a symlink itself, never its target), if anything. */
async function removeIfPresent(path) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.unlink)(path).catch((e) => {
        if (e.code !== 'ENOENT')
            throw e;
    });
}


/***/ }),

/***/ 80954:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ reportArtifact)
/* harmony export */ });
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(54285);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(65468);


/** Logs an outcome and sets `artifact-id`; a failure is a warning, never a failed step. */
function reportArtifact(sink, outcome) {
    if (outcome.status === 'uploaded') {
        (0,_outputs_js__WEBPACK_IMPORTED_MODULE_0__/* .setOutputs */ .n0)(sink, { 'artifact-id': String(outcome.id) });
        const where = outcome.url === undefined ? '' : ` → ${outcome.url}`;
        sink.info(`artifact '${outcome.name}': id ${outcome.id}, ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z3)(outcome.size)} (${outcome.files.join(', ')})${where}`);
    }
    else if (outcome.status === 'skipped') {
        sink.info(outcome.message);
    }
    else {
        sink.warning(outcome.message);
    }
}


/***/ }),

/***/ 54285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hn: () => (/* binding */ cell),
/* harmony export */   KN: () => (/* binding */ percent),
/* harmony export */   qy: () => (/* binding */ html),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
// Markdown and HTML building blocks every summary and comment uses.
/** Markdown-safe table cell: pipes and newlines would break the table. */
function cell(value) {
    return String(value).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
function formatBytes(n) {
    if (n < 1024)
        return `${n} B`;
    if (n < 1024 ** 2)
        return `${(n / 1024).toFixed(1)} KiB`;
    return `${(n / 1024 ** 2).toFixed(1)} MiB`;
}
/** Escapes text for the summary's HTML (`<pre>`, `<summary>`). */
function html(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
function percent(part, whole) {
    return `${((100 * part) / whole).toFixed(1)}%`;
}


/***/ }),

/***/ 61172:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hd: () => (/* binding */ fleetUrls),
/* harmony export */   Sb: () => (/* binding */ linksCell)
/* harmony export */ });
/* unused harmony exports serviceAddress, serviceUrl, instanceUrls */
/**
 * The address a service is reached at: the private IP when the runner itself connects to that
 * (`ssh-address: private-ip`, a runner inside the VPC), else the public IP (`public-dns` included:
 * the result carries no DNS name, and the IP reaches the same instance).
 */
function serviceAddress(r, sshAddress) {
    return sshAddress === 'private-ip' ? r.privateIp : r.publicIp;
}
/** `https://a` for 443, `http://a` for 80 (the schemes' defaults), `http://a:port` otherwise. */
function serviceUrl(address, port) {
    // An IPv6 literal goes in brackets, or its colons would read as the port's.
    const host = address.includes(':') ? `[${address}]` : address;
    if (port === 443)
        return `https://${host}`;
    if (port === 80)
        return `http://${host}`;
    return `http://${host}:${port}`;
}
/** One link per port for a ready instance with an address; none for any other. */
function instanceUrls(r, links) {
    const address = serviceAddress(r, links.sshAddress);
    if (r.status !== 'ready' || !address)
        return [];
    return links.ports.map((port) => serviceUrl(address, port));
}
/** Every ready instance's links, instance by instance, in the order of `results`. */
function fleetUrls(results, links) {
    return results.flatMap((r) => instanceUrls(r, links));
}
/** A table cell of Markdown links to an instance's services ('–' when it has none). */
function linksCell(r, links) {
    const urls = instanceUrls(r, links);
    return urls.length === 0 ? '–' : urls.map((u) => `[${u}](${u})`).join(' ');
}


/***/ })

};
;