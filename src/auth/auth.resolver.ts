import { Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { RequestContext, writer } from '../graphql/request-context';
import { TokenRole } from '../store/ports';
import { AuthService } from './auth.service';
import { CreateTokenDto, RevokeTokenDto } from './token.inputs';
import { RequireRole } from './roles.decorator';

@Resolver()
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Query('me')
  me(@Context() ctx: RequestContext) {
    const p = ctx.principal;
    return { authenticated: !!p, name: p?.name ?? null, role: p?.role ?? null };
  }

  @Query('tokens')
  @RequireRole('ADMIN')
  tokens() {
    return this.auth.listTokens();
  }

  @Mutation('createToken')
  @RequireRole('ADMIN')
  async createToken(@Args('input') input: CreateTokenDto, @Context() ctx: RequestContext) {
    return this.auth.createToken(input.name, input.role as TokenRole, writer(ctx));
  }

  @Mutation('revokeToken')
  @RequireRole('ADMIN')
  revokeToken(@Args('input') input: RevokeTokenDto, @Context() ctx: RequestContext) {
    return this.auth.revokeToken(input.id, writer(ctx));
  }
}
