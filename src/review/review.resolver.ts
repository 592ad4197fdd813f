import { Context, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Args } from '../graphql/args';
import { PageArgs } from '../common/connection';
import { Paging } from '../graphql/paging.decorator';
import { principal, RequestContext } from '../graphql/request-context';
import { ReviewChangeDto, ReviewChangesDto } from './review.inputs';
import { ReviewItem, reviewItemType, ReviewService } from './review.service';

@Resolver('ReviewItem')
export class ReviewResolver {
  constructor(private readonly reviews: ReviewService) {}

  @ResolveField('__resolveType')
  resolveType(item: ReviewItem) {
    return reviewItemType(item);
  }

  @Mutation('reviewChange')
  reviewChange(@Args('input') input: ReviewChangeDto, @Context() ctx: RequestContext) {
    return this.reviews.review(input, principal(ctx), ctx.scope);
  }

  @Mutation('reviewChanges')
  reviewChanges(@Args('input') input: ReviewChangesDto, @Context() ctx: RequestContext) {
    return this.reviews.reviewMany(input, principal(ctx), ctx.scope);
  }

  @Query('reviewQueue')
  reviewQueue(@Paging() page: PageArgs, @Context() ctx: RequestContext) {
    return this.reviews.queue(page, ctx.scope);
  }
}
