/**
 * The stateful half: the single table, the signing keys, the blob bucket and the log buckets. Kept in its
 * own stack (and retained on delete) so the API stack can be torn down and redeployed freely without
 * touching data.
 */
import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { TABLE } from '#shared/data/table.ts';
import { GENERATED_SECRET_FIELD } from '#shared/secrets.ts';

/** What the API stack reads from the data stack, by export name (see `DataStack.exports`). */
export interface DataExports {
  tableName: string;
  tableArn: string;
  /** The table's stream (stream jobs' event sources). */
  tableStreamArn: string;
  secretArn: string;
  blobBucketName: string;
  blobBucketArn: string;
  /** Export name behind `blobBucketArn`, as cdk-nag renders it in findings. */
  blobBucketArnExportName: string;
  /** The bucket CloudFront writes its standard access logs to. */
  edgeLogsBucketName: string;
  edgeLogsBucketDomainName: string;
}

export class DataStack extends Stack {
  readonly table: dynamodb.Table;
  readonly signingKeys: secretsmanager.Secret;
  readonly blobBucket: s3.Bucket;
  readonly edgeLogs: s3.Bucket;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: TABLE.ttlAttribute,
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of [TABLE.byParent, TABLE.byId]) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    // CloudFormation can generate one random field per secret, so the secret holds one high-entropy seed
    // and shared/secrets.ts derives the JWT key and the page-token key from it (HKDF, distinct labels).
    this.signingKeys = new secretsmanager.Secret(this, 'SigningKeys', {
      description: 'Seed of the JWT signing key and the page-token key of the registration API',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: GENERATED_SECRET_FIELD,
        passwordLength: 64,
        excludePunctuation: true,
        includeSpace: false,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.signingKeys).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the signing seed signs every user out and invalidates outstanding page tokens; rotation is ' +
        'an operator action (docs/operations.md), not a schedule.',
    });

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the server access log bucket itself; logging it into itself would loop.',
    });

    this.blobBucket = new s3.Bucket(this, 'Blobs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'blobs/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // CloudFront's standard logs are delivered by CloudFront's own account through the bucket ACL, so this
    // one bucket keeps ACLs enabled (OBJECT_WRITER); otherwise it follows the access-log bucket above.
    this.edgeLogs = new s3.Bucket(this, 'EdgeLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'edge-logs/',
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.publish('TableName', this.table.tableName);
    this.publish('TableArn', this.table.tableArn);
    this.publish('TableStreamArn', this.table.tableStreamArn!);
    this.publish('SigningKeysArn', this.signingKeys.secretArn);
    this.publish('BlobBucketName', this.blobBucket.bucketName);
    this.publish('BlobBucketArn', this.blobBucket.bucketArn);
    this.publish('EdgeLogsBucketName', this.edgeLogs.bucketName);
    this.publish('EdgeLogsBucketDomainName', this.edgeLogs.bucketRegionalDomainName);
  }

  /**
   * The data stack's values as imports, under export names we choose (not CDK's generated ones): IAM
   * statements on them render stably, so cdk-nag acknowledgements can name them exactly.
   */
  get imports(): DataExports {
    const imp = (name: string) => Fn.importValue(`${this.stackName}-${name}`);
    return {
      tableName: imp('TableName'),
      tableArn: imp('TableArn'),
      tableStreamArn: imp('TableStreamArn'),
      secretArn: imp('SigningKeysArn'),
      blobBucketName: imp('BlobBucketName'),
      blobBucketArn: imp('BlobBucketArn'),
      blobBucketArnExportName: `${this.stackName}-BlobBucketArn`,
      edgeLogsBucketName: imp('EdgeLogsBucketName'),
      edgeLogsBucketDomainName: imp('EdgeLogsBucketDomainName'),
    };
  }

  private publish(name: string, value: string): void {
    new CfnOutput(this, name, { value, exportName: `${this.stackName}-${name}` });
  }
}
