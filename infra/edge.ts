/**
 * The one host clients call: a CloudFront distribution that is a transparent proxy in front of the HTTP
 * APIs (decision 006). The default behaviour goes to the Registration API, `/2022-09-01-00/fleet/*` to the
 * Fleet API. Nothing is cached, every method passes, every viewer header but Host is forwarded (so
 * Authorization and the query string reach the functions; API Gateway needs its own Host), viewers and
 * origins speak HTTPS only.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { pathPatternOf, type Contract } from '#infra/contracts.ts';

export interface EdgeProps {
  /** The HTTP API of each contract that has one; `registration` is required (the default behaviour). */
  apis: ReadonlyMap<Contract, apigw.IHttpApi>;
  logBucketName: string;
  logBucketDomainName: string;
  domainName?: string;
  certificateArn?: string;
  webAclArn?: string;
}

/**
 * Status codes CloudFront would otherwise cache for 10 s (its default error caching minimum TTL). An API's
 * 404 for a resource that exists a moment later must not be replayed to other callers.
 */
export const CACHEABLE_ERROR_CODES = [400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504];

/**
 * CloudFront waits this long for the origin. API Gateway ends an integration at 30 s (and the functions
 * stop at 28 s), so the API's own answer always arrives first and CloudFront never times out and retries.
 */
export const ORIGIN_READ_TIMEOUT = Duration.seconds(60);

export class Edge extends Construct {
  readonly distribution: cloudfront.Distribution;
  /** `https://<host>` without a trailing slash: the base URL clients use. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const registration = props.apis.get('registration');
    if (!registration) throw new Error('the Registration API is the default behaviour and must exist');

    const behaviour = (api: apigw.IHttpApi): cloudfront.BehaviorOptions => ({
      origin: new origins.HttpOrigin(`${api.apiId}.execute-api.${api.stack.region}.${api.stack.urlSuffix}`, {
        protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
        readTimeout: ORIGIN_READ_TIMEOUT,
      }),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      // Bodies pass as the function wrote them.
      compress: false,
    });
    const additionalBehaviors: Record<string, cloudfront.BehaviorOptions> = {};
    for (const [contract, api] of props.apis) {
      const pattern = pathPatternOf(contract);
      if (pattern) additionalBehaviors[pattern] = behaviour(api);
    }

    const certificate = props.certificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn)
      : undefined;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Omnistrate Registration API: one host for the Registration and Fleet APIs',
      defaultBehavior: behaviour(registration),
      additionalBehaviors,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      ...(certificate && props.domainName
        ? {
            certificate,
            domainNames: [props.domainName],
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            sslSupportMethod: cloudfront.SSLMethod.SNI,
          }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      errorResponses: CACHEABLE_ERROR_CODES.map((httpStatus) => ({ httpStatus, ttl: Duration.seconds(0) })),
      logBucket: s3.Bucket.fromBucketAttributes(this, 'Logs', {
        bucketName: props.logBucketName,
        bucketRegionalDomainName: props.logBucketDomainName,
      }),
      logFilePrefix: 'edge/',
    });
    this.url = `https://${props.domainName ?? this.distribution.distributionDomainName}`;

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'A public API for clients anywhere: no country is refused by design. An operator who must restrict ' +
        'countries can do so in a WAF web ACL (-c webAclArn=…).',
    });
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'A CloudFront web ACL must live in us-east-1 and costs per rule and request, so it is an operator ' +
          'choice (-c webAclArn=…); abuse is bounded meanwhile by the stage throttling of each API.',
      });
    }
    if (!certificate) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without an own domain the distribution serves the default *.cloudfront.net certificate, whose ' +
          'security policy CloudFront fixes; with -c domainName=… -c certificateArn=… it is TLSv1.2_2021.',
      });
    }
  }
}
