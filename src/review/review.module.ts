import { Module } from '@nestjs/common';
import { ReviewResolver } from './review.resolver';
import { ReviewService } from './review.service';

@Module({ providers: [ReviewService, ReviewResolver] })
export class ReviewModule {}
