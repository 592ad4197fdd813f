import { IsEnum } from 'class-validator';
import { LIMITS, Text } from '../common/validation';
import { CreateTokenInput, RevokeTokenInput, Role } from '../graphql.schema';

export class CreateTokenDto implements CreateTokenInput {
  @Text(120) name!: string;
  @IsEnum(Role, { message: `must be one of ${Object.values(Role).join(', ')}` }) role!: Role;
}

export class RevokeTokenDto implements RevokeTokenInput {
  @Text(LIMITS.id) id!: string;
}
